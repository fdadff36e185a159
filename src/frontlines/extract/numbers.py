"""Counts in a sentence: number words and digits, vague quantities, and what each one counts.

A number expression is found (digits "1,037", words "a thousand", "thirty-five", vague "dozens"),
the noun it counts is found through the parse (nummod / "dozens of X" / the number as an object),
and its category comes, in order, from: the noun itself ("casualties", "bodies"), a participle or
adjective on the noun ("12 people killed", "three dead"), the verb governing the noun ("killed
two insurgents", "two soldiers were wounded"), the subject of that verb ("the death toll rose to
15"). A singular person-noun object of a kill/detain verb without a number counts as 1.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontlines.extract.lexicon import Lexicon, load_lexicon

DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
# Arguments that tie a counted noun to its verb.
NOUN_ARGUMENT_DEPS = frozenset(
    {"dobj", "nsubjpass", "nsubj", "pobj", "attr", "conj", "appos", "oprd"}
)
COUNTABLE_CATEGORIES = ("killed", "wounded", "detained", "abducted", "displaced", "surrendered")
SUBSET_PREPOSITIONS = frozenset({"including", "among"})
YEAR = re.compile(r"^(19|20)\d\d$")
# Calendar words a number next to is a date, not a count (English names from the stdlib).
DATE_WORDS = frozenset(
    {
        *(name.lower() for name in calendar.month_name[1:]),
        *(name.lower() for name in calendar.month_abbr[1:]),
        *(name.lower() for name in calendar.day_name),
        "sept",
        *(
            [
                "day",
                "days",
                "week",
                "weeks",
                "month",
                "months",
                "year",
                "years",
                "night",
                "hours",
                "minutes",
            ]
        ),
    }
)
# Years and similar are not head-counts.
MAX_PLAUSIBLE_COUNT = 1_000_000


# Counted nouns that name no particular side: two such counts in a sentence compete.
GENERIC_VICTIM_NOUNS = frozenset({"", "people", "person", "civilian", "other", "one"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count found in a sentence."""

    category: str  # killed | wounded | detained | ... | troops | people | "" (unknown)
    value: int
    start: int  # token index of the number's first token in the doc
    noun: str = ""  # the counted noun's lemma
    is_leader: bool = False


def parse_number_words(words: list[str], lexicon: Lexicon | None = None) -> int | None:
    """Value of a list of lower-case number words/digits ('a thousand' -> 1000), else None."""
    lexicon = lexicon or load_lexicon()
    total = 0
    current = 0
    seen = False
    for word in words:
        word = word.replace(",", "")
        if word in ("-", "and"):
            continue
        if word.isdigit():
            current += int(word)
        elif word in lexicon.number_units:
            current += lexicon.number_units[word]
        elif word in lexicon.number_scales:
            current = max(current, 1) * lexicon.number_scales[word]
            if lexicon.number_scales[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(token: Token, lexicon: Lexicon) -> bool:
    lower = token.lower_
    if DIGITS.match(lower):
        return True
    if lower in ("a", "an", "single", "lone", "pair", "couple", "both", "score"):
        return False
    return lower in lexicon.number_units or lower in lexicon.number_scales


def _number_run(sent: Span, index: int, lexicon: Lexicon) -> tuple[int, int, int] | None:
    """(start, end, value) of the number expression starting at doc token `index`."""
    doc = sent.doc
    token = doc[index]
    start = index
    if token.lower_ in ("a", "an") and index + 1 < sent.end:
        following = doc[index + 1]
        if following.lower_ in lexicon.number_scales or following.lower_ == "dozen":
            start = index
            index += 1
        else:
            return None
    elif not _is_number_word(token, lexicon):
        return None
    end = index + 1
    while end < sent.end and (
        _is_number_word(doc[end], lexicon)
        or doc[end].lower_ == "dozen"
        or (doc[end].text == "-" and end + 1 < sent.end and _is_number_word(doc[end + 1], lexicon))
        or (
            doc[end].lower_ == "and"
            and end + 1 < sent.end
            and doc[end + 1].lower_ in lexicon.number_units
            and doc[end - 1].lower_ in lexicon.number_scales
        )
    ):
        end += 1
    value = parse_number_words([t.lower_ for t in doc[start:end]], lexicon)
    if value is None:
        return None
    return start, end, value


def _vague_run(sent: Span, index: int, lexicon: Lexicon) -> tuple[int, int, int] | None:
    doc = sent.doc
    for length in (3, 2, 1):
        end = index + length
        if end > sent.end:
            continue
        phrase = " ".join(t.lower_ for t in doc[index:end])
        if phrase in lexicon.vague_quantities:
            return index, end, lexicon.vague_quantities[phrase]
    return None


def _counted_noun(doc_tokens: Span, last: Token) -> Token:
    """The noun a number expression counts ('dozens of militants' -> militants)."""
    if (
        last.dep_ in ("nummod", "amod", "quantmod", "det", "compound", "nmod")
        and last.head.i != last.i
    ):
        head = last.head
        while head.dep_ in ("nummod", "quantmod", "compound") and head.head.i != head.i:
            head = head.head
        return head
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return last


def _is_to_death(verb: Token) -> bool:
    """'beat a man to death', 'stoned to death'."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "to"
        and any(grand.lower_ == "death" for grand in child.children)
        for child in verb.children
    )


def _category_of_word(token: Token, lexicon: Lexicon) -> str:
    for form in (token.lower_, token.lemma_.lower()):
        if form in lexicon.count_categories:
            return lexicon.count_categories[form]
    return ""


def _verb_category(verb: Token, lexicon: Lexicon) -> str:
    category = _category_of_word(verb, lexicon)
    if category in COUNTABLE_CATEGORIES:
        return category
    if _is_to_death(verb):
        return "killed"
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "prt"):
            inner = _category_of_word(child, lexicon)
            if inner in COUNTABLE_CATEGORIES:
                return inner
            # 'gunned down', 'shot dead': the verb with its particle names the count
            phrase = lexicon.count_categories.get(f"{verb.lemma_.lower()} {child.lower_}", "")
            if phrase in COUNTABLE_CATEGORIES:
                return phrase
    if verb.lemma_.lower() == "leave":
        # 'left nine people, including five attackers, dead': the state after 'left', however
        # the parser hung it, says what the count is.
        for token in verb.subtree:
            if token.i > verb.i and token.pos_ == "ADJ":
                inner = _category_of_word(token, lexicon)
                if inner in COUNTABLE_CATEGORIES:
                    return inner
    among = _among_category(verb, lexicon)
    if among:
        return among
    if verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                inner = _category_of_word(child, lexicon)
                if inner in COUNTABLE_CATEGORIES:
                    return inner
    return ""


def _among_category(verb: Token, lexicon: Lexicon) -> str:
    """'three police officers were among those killed', 'two children were among the dead': the
    group they are counted among says what they count."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for group in (c for c in prep.children if c.dep_ == "pobj"):
            for word in (group, *(c for c in group.children if c.dep_ == "acl")):
                category = _category_of_word(word, lexicon)
                if category in COUNTABLE_CATEGORIES:
                    return category
    return ""


def categorise(noun: Token, number_token: Token, lexicon: Lexicon) -> str:
    """What a number counts: killed, wounded, detained, ..., troops, or '' when unknown."""
    own = _category_of_word(noun, lexicon) if noun.i != number_token.i else ""
    if own in COUNTABLE_CATEGORIES:
        return own
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "relcl", "advmod", "appos") or child.dep_ == "conj":
            inner = _category_of_word(child, lexicon)
            if inner in COUNTABLE_CATEGORIES:
                return inner
    following = _category_just_after(noun, lexicon)
    if following:
        return following
    for start in (number_token, noun):
        category = _category_up_the_tree(start, lexicon)
        if category:
            if category in ("displaced", "surrendered") and own == "troops":
                return "troops"
            return category
    return own


def _category_just_after(noun: Token, lexicon: Lexicon) -> str:
    """'six Afghans being killed', 'two soldiers were wounded' (a loose parse): the participle
    right after the counted noun says what it counts."""
    doc = noun.doc
    for token in doc[noun.i + 1 : min(noun.i + 4, noun.sent.end)]:
        if token.pos_ in ("VERB", "ADJ"):
            category = _category_of_word(token, lexicon)
            return category if category in COUNTABLE_CATEGORIES else ""
        if token.pos_ not in ("AUX", "PART", "ADV"):
            return ""
    return ""


def _category_up_the_tree(token: Token, lexicon: Lexicon) -> str:
    """Walk from a counted noun (or the number) to the verb or word that says what it counts."""
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            break
        is_linking_prep = token.dep_ == "prep" and token.lower_ in ("of", "to", "among")
        if token.dep_ not in NOUN_ARGUMENT_DEPS and not is_linking_prep:
            break
        if head.pos_ in ("VERB", "AUX"):
            return _verb_category(head, lexicon)
        category = _category_of_word(head, lexicon)
        if category in COUNTABLE_CATEGORIES:
            return category
        if head.pos_ == "ADP" and head.lower_ not in ("of", "to", "among"):
            break
        token = head
    return ""


def _is_person_noun(token: Token, lexicon: Lexicon) -> bool:
    category = _category_of_word(token, lexicon)
    return (
        category == "troops" or token.lower_ in lexicon.civilian_words or token.ent_type_ == "ACTOR"
    )


def find_quantities(sent: Span, lexicon: Lexicon | None = None) -> list[Quantity]:
    """Every count in the sentence with the category it counts."""
    lexicon = lexicon or load_lexicon()
    quantities: list[Quantity] = []
    covered: set[int] = set()
    index = sent.start
    doc = sent.doc
    while index < sent.end:
        run = _number_run(sent, index, lexicon) or _vague_run(sent, index, lexicon)
        if run is None or index in covered or _is_date_number(doc[index]):
            index += 1
            continue
        start, end, value = run
        covered.update(range(start, end))
        end = _skip_range_upper_bound(sent, start, end, lexicon, covered)
        last = _last_number_token(doc, start, end, lexicon)
        noun = _counted_noun(sent, last)
        if (
            0 < value <= MAX_PLAUSIBLE_COUNT
            and not _is_subset_count(doc[start])
            and not _is_inside_counted_phrase(noun)
            and noun.lemma_.lower() not in lexicon.not_people
        ):
            category = categorise(noun, last, lexicon)
            if not category and _is_person_noun(noun, lexicon):
                category = "troops" if _category_of_word(noun, lexicon) == "troops" else "people"
            quantities.append(
                Quantity(
                    category=category,
                    value=value,
                    start=start,
                    noun=noun.lemma_.lower(),
                    is_leader=noun.lemma_.lower() in lexicon.leader_words,
                )
            )
            quantities.extend(_singular_conjuncts(noun, category, lexicon, covered))
        index = end
    quantities.extend(_implicit_singulars(sent, lexicon, covered))
    return quantities


def _is_inside_counted_phrase(noun: Token) -> bool:
    """'three members of one family': 'one' counts families inside a phrase already counted."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and any(child.dep_ == "nummod" for child in head.head.children)
    )


def _is_subset_count(token: Token) -> bool:
    """'Three members of one family, including two children, were killed': the figure after
    'including' / 'among them' is part of one already counted."""
    current = token
    for _ in range(4):
        if current.dep_ == "pobj" and current.head.lower_ in SUBSET_PREPOSITIONS:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _is_date_number(token: Token) -> bool:
    """Years and dates are not head-counts ('in 2011', 'June 22')."""
    if YEAR.match(token.text):
        return True
    if token.ent_type_ not in ("DATE", "TIME"):
        return False
    ent_tokens = [t for t in token.doc[token.i : token.i + 4] if t.ent_type_ == token.ent_type_]
    return any(t.is_alpha and t.lower_ in DATE_WORDS for t in ent_tokens)


def _last_number_token(doc: object, start: int, end: int, lexicon: Lexicon) -> Token:
    span_doc = doc  # a spaCy Doc
    for i in range(end - 1, start - 1, -1):
        token: Token = span_doc[i]  # type: ignore[index]
        if token.lower_ not in ("-", "and", "to", "of"):
            return token
    result: Token = span_doc[start]  # type: ignore[index]
    return result


def _skip_range_upper_bound(
    sent: Span, start: int, end: int, lexicon: Lexicon, covered: set[int]
) -> int:
    """'10 to 15 people' / '10-15' / 'between 10 and 15': keep the lower bound only."""
    doc = sent.doc
    connectors = {"to", "-", "or"}
    if start > sent.start and doc[start - 1].lower_ == "between":
        connectors.add("and")
    if end + 1 < sent.end and doc[end].lower_ in connectors:
        upper = _number_run(sent, end + 1, lexicon)
        if upper is not None:
            covered.update(range(end, upper[1]))
            return end
    return end


def _singular_conjuncts(
    noun: Token, category: str, lexicon: Lexicon, covered: set[int]
) -> list[Quantity]:
    """'one protester and a police officer were killed': the second person counts 1 too."""
    found = []
    for conj in noun.conjuncts:
        if conj.i < noun.i or conj.tag_ not in ("NN", "NNP"):
            continue
        if any(child.dep_ == "nummod" for child in conj.children):
            continue
        if _is_person_noun(conj, lexicon):
            covered.add(conj.i)
            found.append(Quantity(category, 1, conj.i, conj.lemma_.lower()))
    return found


def _implicit_singulars(sent: Span, lexicon: Lexicon, covered: set[int]) -> list[Quantity]:
    """'killed an insurgent', 'the commander was detained': a singular person counts as 1."""
    found: list[Quantity] = []
    for token in sent:
        if token.tag_ not in ("NN", "NNP") or token.dep_ not in ("dobj", "nsubjpass"):
            continue
        if token.i in covered:
            continue
        if any(child.i in covered for child in token.children):
            continue
        if any(child.dep_ in ("nummod",) for child in token.children):
            continue
        if not _is_person_noun(token, lexicon) and token.lemma_.lower() not in lexicon.leader_words:
            continue
        category = _verb_category(token.head, lexicon)
        if category in ("killed", "detained", "wounded", "abducted"):
            found.append(
                Quantity(
                    category=category,
                    value=1,
                    start=token.i,
                    noun=token.lemma_.lower(),
                    is_leader=token.lemma_.lower() in lexicon.leader_words,
                )
            )
            for conj in token.conjuncts:
                if conj.tag_ in ("NN", "NNP") and not any(
                    c.dep_ == "nummod" for c in conj.children
                ):
                    found.append(Quantity(category, 1, conj.i, conj.lemma_.lower()))
    return found


def _is_breakdown(quantity: Quantity, counted: dict[str, list[int]]) -> bool:
    """'eight assailants - four at the embassy and four at military headquarters': a number
    with no noun of its own after a counted figure breaks that figure down; it adds nothing."""
    bare = quantity.noun.isdigit() or parse_number_words([quantity.noun]) is not None
    return bare and bool(counted)


def total(quantities: list[Quantity], category: str) -> int | None:
    """The count of one category in a sentence, None when there are none: counts of different
    victims are added ('30 militants and two soldiers'), competing counts of the same victims
    ('12 people, while the army said 15 died') give the lowest (ACLED's conservative figure)."""
    by_victims: dict[str, list[int]] = {}
    for quantity in quantities:
        if quantity.category == category and _is_breakdown(quantity, by_victims):
            continue
        if quantity.category == category:
            generic = quantity.noun in GENERIC_VICTIM_NOUNS or not quantity.noun.isalpha()
            victims = "people" if generic else quantity.noun
            by_victims.setdefault(victims, []).append(quantity.value)
    if not by_victims:
        return None
    return sum(min(values) for values in by_victims.values())
