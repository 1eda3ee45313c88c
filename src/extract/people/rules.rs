//! The rules that turn a run of name-like tokens into a candidate name: titles cut off,
//! places and particles trimmed, organisations and places rejected, and the evidence that
//! accepts it as a person (a title, a given name, a context window, a list of names).

use super::context::{
    character_or_title, common_word, list_gap, sentence_start, skip_possessive, speech_after,
    trigger_before, work_or_character,
};
use super::lexicon::Lexicon;
use super::lexicon::{contains_lower, is_role_word, role_before};
use super::tokenize::{Class, Tok};
use crate::extract::text::{first_upper, next_word, prev_word, words_after, words_before, CONTEXT};
use crate::gazetteer::{self, fold_into};

/// Longest name kept, in tokens.
pub(super) const MAX_NAME_TOKENS: usize = 5;

/// A candidate name: its tokens' spans and whether it was accepted.
pub(super) struct Cand {
    pub spans: [(usize, usize); MAX_NAME_TOKENS],
    pub len: usize,
    pub accepted: bool,
    /// One word that only the list it is in can accept (see [`one_name_member`]).
    pub list_only: bool,
    /// Start of the run (titles included) and end of the name, for list detection.
    pub run_start: usize,
    pub end: usize,
}

/// `D-Okla`, `R-Iowa`: a US party-state tag after a lawmaker's name.
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// A romanised Chinese, Japanese or Korean given name as it follows a family name: one
/// capitalised word of Latin letters (one hyphen allowed: `Jong-il`) of 2 to 10 letters that
/// ends as their syllables do, in a vowel, `n` or `ng` (`Peng`, `Jiabao`, `Ziyang`).
fn is_romanised_given(w: &str) -> bool {
    let b = w.as_bytes();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    (2..=10).contains(&letters)
        && b[0].is_ascii_uppercase()
        && b[1..].iter().all(|c| c.is_ascii_lowercase() || *c == b'-')
        && b.iter().filter(|c| **c == b'-').count() <= 1
        && (matches!(b[b.len() - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b'n') || w.ends_with("ng"))
}

/// A country name, alias or demonym, or a body-text city.
fn is_place_word(w: &str, buf: &mut String) -> bool {
    fold_into(w, buf);
    gazetteer::country_word(buf).is_some() || gazetteer::city_entry(buf).is_some_and(|e| e.body)
}

/// A known given name (US Census or world list).
fn is_given(w: &str, lex: &Lexicon, buf: &mut String) -> bool {
    fold_into(w, buf);
    gazetteer::is_first_name(buf) || lex.world_given.contains(buf.as_str())
}

/// A hyphenated given name whose two or three parts are each a capitalised given name
/// (`Sven-Goran`, `Jean-Pierre`, `Marie-Claire`).
fn is_hyphen_given(w: &str, lex: &Lexicon, buf: &mut String) -> bool {
    (2..=3).contains(&w.split('-').count())
        && w.split('-').all(|p| {
            p.chars().count() >= 2 && p.starts_with(char::is_uppercase) && is_given(p, lex, buf)
        })
}

/// `name` without a leading descriptor (`Goalscorer Jimmy Floyd Hasselbaink`, `Texan Michael
/// Chicoine`): a first word that is no given name and ends as agent nouns and demonyms do
/// (`-er`, `-or`, `-ist`, `-an`, five letters at least), before a known given name and at
/// least one more word.
fn cut_descriptor<'t>(text: &str, name: &'t [Tok], lex: &Lexicon, buf: &mut String) -> &'t [Tok] {
    let word = |t: &Tok| &text[t.start..t.end];
    if name.len() < 3 || name[0].class != Class::Cap || name[1].class != Class::Cap {
        return name;
    }
    let first = word(&name[0]);
    // Five letters at least: not a short given name or a place's first word (`Cor van der
    // Klugt`, `San Francisco Ballet`).
    let descriptor =
        first.chars().count() >= 5 && ["er", "or", "ist", "an"].iter().any(|e| first.ends_with(e));
    if descriptor && !is_given(first, lex, buf) && is_given(word(&name[1]), lex, buf) {
        &name[1..]
    } else {
        name
    }
}

/// Where the name starts after the titles of `run` (after the last title that has a
/// non-suffix token after it), and whether there was such a title.
fn cut_titles(text: &str, run: &[Tok], lex: &Lexicon) -> (usize, bool) {
    let word = |t: &Tok| &text[t.start..t.end];
    let mut from = 0;
    let mut titled = false;
    for (k, t) in run.iter().enumerate() {
        // "Actor Gerard Jugnot": a role word opening a sentence, two name words after it
        // (not "The Actor Studio Theatre": a role takes no article before a name).
        let no_article = || {
            !matches!(
                prev_word(text, t.start),
                "The" | "the" | "A" | "a" | "An" | "an"
            )
        };
        let role = k == 0 && run.len() >= 3 && is_role_word(word(t), lex) && no_article();
        // A word that marks a person just before a name when lower-case, opening a sentence
        // (`Economist Colen Garrow said`, `Boss Steve Bruce`), is cut too, but is no evidence:
        // some also open names of things there (`Star Trek Voyager`).
        if k == 0
            && run.len() >= 3
            && contains_lower(&lex.triggers, word(t))
            && sentence_start(text, t.start)
            && no_article()
            && !lex.suffixes.contains(&word(&run[1]))
        {
            from = 1;
        }
        if role || is_title(word(t), lex) {
            if let Some(n) = run.get(k + 1) {
                if !lex.suffixes.contains(&word(n)) {
                    from = k + 1;
                    titled = true;
                }
            }
        }
    }
    // "Singer Madonna said": a role word opening a sentence before one word is a role, never
    // part of the name (the one word is accepted as after a lower-case role).
    if from == 0 && role_opening(text, run, lex) {
        from = 1;
    }
    (from, titled)
}

/// Whether `run` is a role word capitalised for opening a sentence and one name word
/// (`Singer Madonna said`, `Rapper Eminem`): the role is cut and the word after it is a
/// person, as after the lower-case role (`singer Fergie`). Not a word the text writes in
/// lower case (`Model Railway`), nor a past tense of a headline (`Golfer Cleared of ...`),
/// nor a word before a capitalised one that a month or a breaker cut off (`Guitarist Brian
/// May`).
fn role_opening(text: &str, run: &[Tok], lex: &Lexicon) -> bool {
    let word = |t: &Tok| &text[t.start..t.end];
    let last = &run[run.len() - 1];
    let verb = word(last).ends_with("ed");
    run.len() == 2
        && !verb
        && !first_upper(next_word(text, skip_possessive(text, last.end)))
        && run[1].class == Class::Cap
        && word(&run[1]).chars().count() > 2
        && is_role_word(word(&run[0]), lex)
        && sentence_start(text, run[0].start)
        && !common_word(word(&run[1]), &[text])
}

/// A title, also in the plural before a list of names (`Prime Ministers Zhao Ziyang of China
/// and ...`, `Justices William Brennan and ...`) when the title names a person's office, not a
/// portfolio (`Distributive Trades Survey Panel` is no `Trade` title).
fn is_title(w: &str, lex: &Lexicon) -> bool {
    lex.titles.contains(w)
        || w.strip_suffix('s').is_some_and(|one| {
            lex.titles.contains(one)
                && (lex.honorifics.contains(one)
                    || ["er", "or", "ent", "ice"].iter().any(|e| one.ends_with(e)))
        })
}

/// Whether `w` is an initial: one letter, with or without its period (`R`, `C.`).
fn is_initial(w: &str) -> bool {
    w.trim_end_matches('.').chars().count() == 1
}

/// `name` without leading country words, demonyms and particles ("Russian Yuri Borisov")
/// and without trailing particles, party tags and initials. Right after a title, a city that
/// is also a given name opens the name (`President Leon Febres Cordero`, `Leon` a Mexican city).
fn trim_name<'t>(
    text: &str,
    mut name: &'t [Tok],
    titled: bool,
    lex: &Lexicon,
    buf: &mut String,
) -> &'t [Tok] {
    let word = |t: &Tok| &text[t.start..t.end];
    let city_given = |w: &str, buf: &mut String| {
        fold_into(w, buf);
        lex.city_given.contains(buf.as_str())
    };
    let mut first_word = true;
    while let Some((first, rest)) = name.split_first() {
        let place = rest.len() >= 2
            && is_place_word(word(first), buf)
            && !(titled && first_word && city_given(word(first), buf));
        first_word = false;
        if first.class == Class::Particle || place {
            name = rest;
        } else {
            break;
        }
    }
    while let Some((last, rest)) = name.split_last() {
        if last.class == Class::Particle || is_party_tag(word(last)) || is_initial(word(last)) {
            name = rest;
        } else {
            break;
        }
    }
    // A number after one word is a name's only after a title (`King Edward III`, `King
    // Henry VIII`: the numbers of `data/people/suffixes.txt`); without one it is a model, a
    // sequel or a club (`Mark IV`, `Rocky II`, `Willem II`).
    if name.len() == 2 && !titled && is_roman(word(&name[1])) {
        name = &name[..1];
    }
    name
}

/// Whether `w` is a Roman number of two letters or more (`II`, `VIII`), as kings and heirs
/// carry them.
fn is_roman(w: &str) -> bool {
    w.len() >= 2 && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// What [`rejected`] weighs besides the name: a known given name opens it, a city that is
/// also a given name opens it, a title was cut before it, and (read only when needed) a title
/// or role before the run.
#[derive(Clone, Copy)]
struct RunEvidence<'a> {
    given_name: bool,
    city_given: bool,
    titled: bool,
    role_before_run: &'a dyn Fn() -> bool,
}

/// Whether `name` is no person whatever the evidence: an organisation word, a modifier
/// built on a name (`Blair-led`), only titles, a place word (except a place-like surname
/// after a given name, `Jerry Jordan`, or after a title or role, `director Hayao Miyazaki`,
/// and a city that is also a given name opening the name, `Milan Baros`), or as a whole a
/// city or country.
fn rejected(text: &str, name: &[Tok], ev: RunEvidence, lex: &Lexicon, buf: &mut String) -> bool {
    let RunEvidence {
        given_name,
        city_given,
        titled,
        role_before_run,
    } = ev;
    let word = |t: &Tok| &text[t.start..t.end];
    // "Peter Lynch", "Mr Lynch": an organisation word that is also a surname is one after a
    // given name or alone after a title ("Merrill Lynch" is in the list of firms below); also
    // after a given name and a middle name ("Andrew Lloyd Webber").
    let org_surname = |k: usize, t: &Tok| {
        k + 1 == name.len()
            && (given_name && (2..=3).contains(&name.len()) || titled && name.len() == 1)
            && lex.org_surnames.contains(word(t))
    };
    if name
        .iter()
        .enumerate()
        .any(|(k, t)| lex.org_words.contains(word(t)) && !org_surname(k, t))
    {
        return true;
    }
    fold_into(&text[name[0].start..name[name.len() - 1].end], buf);
    if lex.named_after_people.contains(buf.as_str()) {
        return true;
    }
    // "Le Figaro", "Der Spiegel": a foreign article opens a newspaper, a work or a place.
    if !titled && lex.foreign_articles.contains(word(&name[0])) {
        return true;
    }
    // "a Janet Jackson-style stunt", "Blair-led": a modifier built on a name.
    if let Some((_, suffix)) = word(&name[name.len() - 1]).rsplit_once('-') {
        if lex.modifier_suffixes.contains(&suffix) {
            return true;
        }
    }
    if name.iter().all(|t| lex.titles.contains(word(t))) {
        return true;
    }
    // "Ernst & Young", "Marsh & McLennan": an ampersand joins the names of a firm's founders.
    if text[name[0].start..name[name.len() - 1].end].contains('&') {
        return true;
    }
    let paren = name.iter().skip(1).any(|t| t.paren);
    for (k, t) in name.iter().enumerate() {
        if t.class == Class::Particle {
            continue;
        }
        if is_place_word(word(t), buf) {
            // "Jerry Jordan": a given name then a place-like surname is still a person.
            // So after a title or role ("director Hayao Miyazaki", a Japanese city's name).
            let jordan_rule =
                (given_name || paren || role_before_run()) && k == name.len() - 1 && k > 0;
            if !(jordan_rule || city_given && k == 0) {
                return true;
            }
        }
    }
    // Whole run a city ("Buenos Aires", "New York").
    if name.len() > 1 {
        fold_into(&text[name[0].start..name[name.len() - 1].end], buf);
        if gazetteer::city_entry(buf).is_some() || gazetteer::country_word(buf).is_some() {
            return true;
        }
    }
    false
}

/// Judge one run of name-like tokens; a candidate name found in it goes to `out`.
pub(super) fn process_run(
    text: &str,
    run: &[Tok],
    lex: &Lexicon,
    buf: &mut String,
    out: &mut Vec<Cand>,
) {
    let word = |t: &Tok| &text[t.start..t.end];
    let (from, titled) = cut_titles(text, run, lex);
    let name = trim_name(text, run.get(from..).unwrap_or(&[]), titled, lex, buf);
    let name = cut_descriptor(text, name, lex, buf);
    if name.is_empty() || name.len() > MAX_NAME_TOKENS {
        return;
    }
    // "Milan Baros", "Luca Verdecchia": a given name that is also a city opens a name only on
    // other evidence (a title, a role, speech, a list), never as the given-name evidence.
    // So a country that is a given name (`music executive Jordan Bratman`).
    let city_given = name.len() >= 2 && {
        let first = word(&name[0]);
        lex.country_given.contains(first)
            || is_place_word(first, buf) && {
                fold_into(first, buf);
                lex.city_given.contains(buf.as_str())
            }
    };
    let given_name = name.len() >= 2 && !city_given && is_given(word(&name[0]), lex, buf);
    // "Sven-Goran Eriksson": a hyphenated given name, before a surname that is no place and
    // no word the text writes in lower case (not `Clayton-Marcus Furniture`, `Sun-Pat
    // British`, firms named after people).
    let given_name = given_name
        || name.len() >= 2 && !city_given && is_hyphen_given(word(&name[0]), lex, buf) && {
            let last = word(&name[name.len() - 1]);
            !is_place_word(last, buf) && !common_word(last, &[text])
        };
    // "members of the Bee Gees": a person's name takes no article, so after a lower-case
    // `the` a given name is no evidence (bands, ships: `the Henrique Leal, were working`),
    // unless a lower-case noun follows, whose modifier the name is (`the Mike Leigh film`,
    // `the Stephen King adaptation`).
    let given_name = given_name
        && !(from == 0
            && prev_word(text, run[0].start) == "the"
            && !next_word(text, name[name.len() - 1].end).starts_with(char::is_lowercase));
    // "the Commission for Racial Equality": a run right after `for` or `of` and an
    // organisation word, opened by no given name, ends that organisation's name (not `the
    // Bank of England Robin Leigh-Pemberton`).
    let mut before = [""; CONTEXT];
    let n = words_before(text, run[0].start, 2, &mut before);
    if from == 0
        && !given_name
        && n == 2
        && matches!(before[0], "for" | "of")
        && lex.org_words.contains(before[1])
    {
        return;
    }
    // Family name first (`Li Peng`, `Kim Jong-il`, `Koizumi Junichiro`), or last as English
    // papers also write them (`Ziyi Zhang`, `Junichiro Koizumi`, `Yuji Shimizu`); then the
    // given name must end in a vowel and be no city: English words and places ending in `n`
    // or `ng` open names of firms and things before such a family name (`Cheung Kong`,
    // `Rising Sun`, `Melbourne Sun`).
    let mut given_last = |w: &str| {
        is_romanised_given(w) && w.ends_with(['a', 'e', 'i', 'o', 'u']) && {
            fold_into(w, buf);
            gazetteer::city_entry(buf).is_none()
        }
    };
    let family_first = name.len() == 2
        && (lex.family_first.contains(word(&name[0])) && is_romanised_given(word(&name[1]))
            || lex.family_first.contains(word(&name[1])) && given_last(word(&name[0])));
    // Checked only for a place-like surname, so read lazily. Only a title or a lower-case
    // role word right before (not a speech verb: `said Real Madrid president ...`), and not
    // before a club's name (`former European champion Borussia Dortmund`).
    let role_before_run = || {
        let w = prev_word(text, run[0].start);
        (titled || lex.triggers.contains(w) || lex.role_words.contains(w))
            && !lex.club_prefixes.contains(word(&name[0]))
    };
    let ev = RunEvidence {
        given_name,
        city_given,
        titled,
        role_before_run: &role_before_run,
    };
    if rejected(text, name, ev, lex, buf) {
        return;
    }
    let paren = name.iter().skip(1).any(|t| t.paren);
    let full_end = name[name.len() - 1].end;
    let run_start = run[0].start;
    let accepted = if name.len() == 1 {
        // A single token only after an honorific ("President Reagan") or a lower-case role
        // word ("singer Fergie", "daughter Jill").
        // Not a family tie after a title (`the Queen Mother`), nor a thing named after a
        // titled person, which takes an article a person does not (`at the Prince Edward`,
        // a theatre; `the Queen Mary liner`, `the Queen Vic`).
        name[0].end - name[0].start > 2
            && !contains_lower(&lex.family_words, word(&name[0]))
            && (titled
                && from > 0
                && run
                    .get(from - 1)
                    .is_some_and(|t| lex.honorifics.contains(word(t)))
                && !(from == 1 && matches!(prev_word(text, run_start), "the" | "The"))
                || from == 0 && role_before(text, run_start, lex)
                || from == 1 && role_opening(text, run, lex))
    } else {
        // "Ruud van Nistelrooy", "Edwin van der Sar": a Dutch or German name particle after
        // the first word is a person's (places and firms with `van` or `von` are rare; a
        // place or organisation word rejected the run above).
        // One surname after the particles (not `F van Lanschot Bankiers`, a bank).
        let dutch = name.len() >= 3
            && name[1].class == Class::Particle
            && matches!(word(&name[1]), "van" | "von")
            && name[1..]
                .iter()
                .filter(|t| t.class != Class::Particle)
                .count()
                == 1;
        let marker = name[1..].iter().any(|t| lex.name_markers.contains(word(t)));
        // `Ref: S Dunn (Gloucestershire)`, `J Dunbar (Leeds)`: an initial and one surname
        // before a capitalised word in brackets, as match reports and squads name a referee
        // or a player with his county or club.
        let bracketed = name.len() == 2
            && is_initial(word(&name[0]))
            && text[full_end..]
                .trim_start_matches([' ', '\t'])
                .strip_prefix('(')
                .is_some_and(first_upper);
        titled
            || given_name
            || family_first
            || dutch
            || marker
            || bracketed
            || paren
            || trigger_before(text, run_start, lex)
            || speech_after(text, skip_possessive(text, full_end), lex)
    };
    let mut spans = [(0, 0); MAX_NAME_TOKENS];
    for (slot, t) in spans.iter_mut().zip(name) {
        *slot = (t.start, t.end);
    }
    out.push(Cand {
        spans,
        len: name.len(),
        accepted,
        list_only: false,
        run_start,
        end: full_end,
    });
}

/// Whether the one-word run `t`, in a list with other names, may be a person known by one
/// name (`Dido, Robbie Williams and Chris Martin`, `John Lennon or Elvis`): a known given name
/// of three letters or more that the text never writes in lower case (`Will, ...`), opening
/// a sentence or after a comma, `and` or `or` (not `for Kinsey and Michel Gondry`, a film;
/// `Federation of\nBanks, Hanns ...`), and not possessive (`Foster's, John Smith's`, brands).
pub(super) fn one_name_member(text: &str, t: &Tok, lex: &Lexicon, buf: &mut String) -> bool {
    let w = &text[t.start..t.end];
    let possessive = text[t.end..].starts_with(['\'', '\u{2019}']);
    // A sentence's start proper: a line break alone is no sentence end in wrapped wire text,
    // nor is the period of an initial (`Gerald M.N. Corbett`).
    let head = text[..t.start].trim_end();
    let pw = prev_word(text, t.start).trim_end_matches('.');
    let sentence = head.is_empty()
        || head.ends_with(['.', '!', '?', '"', ':', '\u{201d}'])
            && !pw.contains('.')
            && pw.chars().count() > 1;
    let opens = sentence || head.ends_with(',') || matches!(pw, "and" | "or");
    // Not part of a longer name that a month or a breaker cut (`Theresa May`, `Rolf On Art`,
    // `Robert deRose`), nor an appositive (`Diana chairman`: a firm and its officer), nor
    // joined by `and` to a capitalised word: a given name sharing the next name's surname
    // (`Alfred and David Billes`) or a firm's founders (`Pratt and Whitney`, `Ernst and
    // Whinney`, `Belle & Sebastian`), or a title (`Secrets and Lies`).
    let next = next_word(text, t.end);
    let role_after = contains_lower(&lex.triggers, next) || is_role_word(next, lex);
    let mut after = [""; CONTEXT];
    let n = words_after(text, t.end, 2, &mut after);
    let joined = match &after[..n] {
        ["&", ..] => true,
        ["and" | "or", w] => first_upper(w),
        _ => false,
    };
    !possessive
        && opens
        && !next.chars().any(char::is_uppercase)
        && !role_after
        && !joined
        && w.chars().count() >= 3
        && is_given(w, lex, buf)
        && !common_word(w, &[text])
}

/// Whether the one-word run `t` is a relative named in apposition after a family tie: `her
/// brother, Hans, in 1943`, `His British-born wife, Joan, suggested`, `the Blairs' fourth
/// child, Leo, on 20 May`: a known given name of three letters or more between commas (or
/// before the sentence's end) right after a lower-case family word.
pub(super) fn family_appositive(text: &str, t: &Tok, lex: &Lexicon, buf: &mut String) -> bool {
    let head = text[..t.start].trim_end_matches([' ', '\t', '\n', '\r']);
    let Some(head) = head.strip_suffix(',') else {
        return false;
    };
    let tie = prev_word(text, head.len());
    let w = &text[t.start..t.end];
    lex.family_words.contains(tie)
        && text[t.end..].starts_with([',', '.', ';'])
        && w.chars().count() >= 3
        && is_given(w, lex, buf)
}

/// Lists: names joined by ",", "and", "or" share their evidence ("Feroz Abbasi and
/// Richard Belmar were held"): one accepted member accepts the other full names. A one-word
/// member (see [`one_name_member`]) is accepted only beside an accepted full name, and does
/// not link the names around it (`Newcastle Brown Ale, Foster's, John Smith's`).
pub(super) fn share_list_evidence(text: &str, cands: &mut [Cand], lex: &Lexicon) {
    let evidence = |c: &Cand| {
        c.accepted
            && !work_or_character(text, c.run_start, c.end, lex)
            && !character_or_title(text, c.run_start, lex)
    };
    // Not "the Black Eyed Peas and Alicia Keys": a person takes no article.
    let article = |c: &Cand| {
        let mut b = [""; CONTEXT];
        let n = words_before(text, c.run_start, 1, &mut b);
        n == 1 && matches!(b[0], "the" | "The")
    };
    // Full names (and one word after a role) first, as lists were read before one-word
    // members were candidates.
    let idx: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].list_only).collect();
    let mut k = 0;
    while k < idx.len() {
        let mut j = k;
        while j + 1 < idx.len() && list_gap(text, cands[idx[j]].end, cands[idx[j + 1]].run_start) {
            j += 1;
        }
        if j > k && idx[k..=j].iter().any(|&i| evidence(&cands[i])) {
            for &i in &idx[k..=j] {
                let c = &mut cands[i];
                if c.len >= 2 && !article(c) {
                    c.accepted = true;
                }
            }
        }
        k = j + 1;
    }
    let mut k = 0;
    while k < cands.len() {
        let mut j = k;
        while j + 1 < cands.len() && list_gap(text, cands[j].end, cands[j + 1].run_start) {
            j += 1;
        }
        if j > k && cands[k..=j].iter().any(|c| c.len >= 2 && evidence(c)) {
            for c in &mut cands[k..=j] {
                if c.list_only && !article(c) {
                    c.accepted = true;
                }
            }
        }
        k = j + 1;
    }
}
