"""Words in every script, and encoding variants that must match as equal.

A word keeps its combining marks (Devanagari vowel signs, Arabic harakat,
decomposed accents); HTML entities, NBSP, soft hyphens and zero-width
characters change no word. Matching sees the folded words; the cleaned text
keeps the input's bytes.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli import marks
from dedupe_cli.dedupe import clean_text
from dedupe_cli.segment import (
    WORD_RE,
    decode_entities,
    is_alphabetic,
    normalize,
    surface_words,
    word_spans,
    words,
)

# --- words keep their combining marks -------------------------------------

SCRIPTS = {
    "hindi": "हिंदी भाषा की उत्पत्ति संस्कृत से हुई",
    "bengali": "বাংলা ভাষার ইতিহাস",
    "tamil": "தமிழ் மொழி மிகவும் பழமையானது",
    "thai": "ภาษาไทย เป็นภาษาที่สวยงาม",
    "arabic-harakat": "كِتَابٌ جَمِيلٌ جِدًّا",
    "hebrew-points": "שָׁלוֹם עוֹלָם",
    "latin-nfd": unicodedata.normalize("NFD", "élève à côté"),
}


@pytest.mark.parametrize("text", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_a_word_with_vowel_signs_or_accents_stays_one_word(text: str) -> None:
    expected = [unicodedata.normalize("NFKC", w).casefold() for w in text.split()]
    assert words(text) == expected


@pytest.mark.parametrize("text", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_word_spans_cover_whole_words_in_every_script(text: str) -> None:
    spans = word_spans(text)
    assert spans is not None
    assert [text[s:e] for s, e in spans] == text.split()


DIACRITICS = {
    "polish": "Zażółć gęślą jaźń, źdźbło i łódź",
    "german": "Größere Straßen übermäßig schön, Öl und Äpfel",
    "french": "L'élève à côté du garçon mangea une crème brûlée",
}


@pytest.mark.parametrize("text", DIACRITICS.values(), ids=DIACRITICS.keys())
def test_precomposed_and_decomposed_diacritics_give_the_same_words(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert words(nfd) == words(text)
    assert len(word_spans(nfd) or []) == len(words(text))


def test_diacritics_still_tell_words_apart() -> None:
    # only encoding is folded, not spelling: schon/schön, zona/żona differ
    assert words("schon zona") != words("schön żona")


def test_a_stray_combining_mark_is_no_word() -> None:
    text = "a \u0301 b"
    assert words(text) == ["a", "b"]
    assert word_spans(text) == [(0, 1), (4, 5)]


def test_word_pattern_keeps_underscores_out() -> None:
    assert WORD_RE.findall("snake_case हिंदी_भाषा") == ["snake", "case", "हिंदी", "भाषा"]


def test_alphabetic_words_include_marks_but_not_numbers() -> None:
    assert all(map(is_alphabetic, ["हिंदी", "café", unicodedata.normalize("NFD", "é"), "كِتَابٌ"]))
    assert not any(map(is_alphabetic, ["28", "x2", "२०२४", "½"]))


def test_mark_table_holds_only_combining_marks() -> None:
    # (a mark added by a later Unicode version is unassigned in an older Python)
    for a, b in _class_ranges(marks.MARK_CLASS):
        for c in range(a, b + 1):
            assert unicodedata.category(chr(c))[0] in "MC", hex(c)


def test_mark_table_splits_at_the_end_of_the_basic_plane() -> None:
    assert marks.BMP_MARKS + marks.ASTRAL_MARKS == marks.MARK_CLASS
    assert max(marks.BMP_MARKS) < "\U00010000" <= min(marks.ASTRAL_MARKS.replace("-", ""))
    assert words("\U00011103\U00011127 a\u0301") == ["\U00011103\U00011127", "á"]  # Chakma


@pytest.mark.skipif(
    unicodedata.unidata_version != marks.UNICODE_VERSION,
    reason="the table is generated from one Unicode version",
)
def test_mark_table_holds_every_combining_mark() -> None:
    assert marks.class_of(marks.mark_ranges_from_unicodedata()) == marks.MARK_CLASS


def _class_ranges(cls: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out.append((ord(cls[i]), ord(cls[i + 2])))
            i += 3
        else:
            out.append((ord(cls[i]), ord(cls[i])))
            i += 1
    return out


# --- encoding variants ---------------------------------------------------

PLAIN = 'Tom & Jerry\u2019s "café" opens\u00a0today at 9 < 10'
ENCODED = {
    "named": "Tom &amp; Jerry&rsquo;s &quot;caf&eacute;&quot; opens&nbsp;today at 9 &lt; 10",
    "decimal": "Tom &#38; Jerry&#8217;s &#34;caf&#233;&#34; opens&#160;today at 9 &#60; 10",
    "hex": "Tom &#x26; Jerry&#x2019;s &#x22;caf&#xE9;&#x22; opens&#xA0;today at 9 &#x3C; 10",
    "straight-quotes": 'Tom & Jerry\'s "café" opens today at 9 < 10',
}


@pytest.mark.parametrize("text", ENCODED.values(), ids=ENCODED.keys())
def test_entity_encoded_text_has_the_words_of_the_plain_text(text: str) -> None:
    assert words(text) == words(PLAIN)


@pytest.mark.parametrize("name", ["named", "decimal", "hex"])
def test_entities_normalise_to_the_characters_they_stand_for(name: str) -> None:
    assert normalize(ENCODED[name]) == normalize(PLAIN)


@pytest.mark.parametrize("text", ENCODED.values(), ids=ENCODED.keys())
def test_word_spans_of_encoded_text_point_into_the_original(text: str) -> None:
    spans = word_spans(text)
    assert spans is not None
    assert [words(text[s:e]) for s, e in spans] == [[w] for w in words(text)]
    assert text[spans[2][0] : spans[2][1]] in ("s",)  # Jerry's: the apostrophe is no word
    assert text[spans[3][0] : spans[3][1]] in ("caf&eacute;", "caf&#233;", "caf&#xE9;", "café")


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "&#8217;", "&apos;"])
def test_every_apostrophe_ends_a_word_alike(apostrophe: str) -> None:
    # Ukrainian writes the modifier letter apostrophe; scrapers give any of them
    assert words(f"м{apostrophe}ясо і пам{apostrophe}ять") == ["м", "ясо", "і", "пам", "ять"]


def test_an_entity_makes_no_word_of_its_name() -> None:
    assert "amp" not in words("Q&amp;A: salt &amp; pepper")
    assert "nbsp" not in words("one&nbsp;two")


def test_incomplete_or_unknown_references_are_text() -> None:
    assert words("AT&T and Q&A") == ["at", "t", "and", "q", "a"]
    assert words("&foo; &amp") == ["foo", "amp"]
    assert decode_entities("&notanentity;") == "&notanentity;"


def test_entities_are_decoded_once() -> None:
    # a page that shows "&amp;" literally wrote "&amp;amp;"
    assert decode_entities("&amp;amp;") == "&amp;"
    assert words("&amp;amp;") == ["amp"]


INVISIBLE = {
    "soft-hyphen": "infor\u00admation",
    "zero-width-space": "infor\u200bmation",
    "zero-width-joiner": "infor\u200dmation",
    "word-joiner": "infor\u2060mation",
    "byte-order-mark": "\ufeffinformation",
    "shy-entity": "infor&shy;mation",
    "left-to-right-mark": "information\u200e",
}


@pytest.mark.parametrize("word", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_change_no_word(word: str) -> None:
    text = f"More {word} here"
    assert words(text) == ["more", "information", "here"]
    spans = word_spans(text)
    assert spans is not None
    s, e = spans[1]
    assert text[s:e].strip("\ufeff\u200e") == word.strip("\ufeff\u200e")


def test_surface_words_keep_case_and_decode_entities() -> None:
    assert surface_words("Caf&eacute; in PARIS") == ["Café", "in", "PARIS"]
    assert surface_words("ﬁ ½") is None  # NFKC makes two words of ½: no word-for-word match


_PIECES = st.sampled_from(
    [
        "a",
        "Zé",
        "e\u0301",
        "हिं",
        "दी",
        "\u0301",
        " ",
        "\n",
        "&amp;",
        "&eacute;",
        "&#8217;",
        "&#x2019;",
        "&nbsp;",
        "&shy;",
        "&bogus;",
        "&",
        ";",
        "\u00ad",
        "\u200b",
        "\u00a0",
        "_",
        "9",
        "ß",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_word_spans_are_the_words_in_order(text: str) -> None:
    spans = word_spans(text)
    if spans is None:
        return
    assert [words(text[s:e]) for s, e in spans] == [[w] for w in words(text)]
    ends = [0] + [e for _, e in spans]
    assert all(s >= prev for (s, _), prev in zip(spans, ends, strict=False))


# --- end to end: matching sees folded words, output keeps the bytes -------

P1 = (
    "Die Stadtverwaltung kündigte am Montag an, dass die Brücke über den "
    "Fluss bis Ende Mai für den Verkehr gesperrt bleibt."
)
P2 = (
    "Anwohner &amp; Pendler müssen mit längeren Wegen rechnen, "
    "sagte ein Sprecher der Stadt am Nachmittag."
)
P3 = (
    "Die Sanierung soll nach Angaben der Behörde rund zwölf "
    "Millionen Euro kosten und im Herbst beginnen."
)


def _article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


VARIANTS = {
    "entities": P1.replace("ü", "&uuml;").replace(",", "&#44;"),
    "nbsp": P1.replace(" ", "\u00a0"),
    "soft-hyphens": P1.replace("Stadtverwaltung", "Stadt\u00adver\u00adwaltung"),
    "nfd": unicodedata.normalize("NFD", P1),
    "zero-width": P1.replace("Brücke", "Brü\u200bcke"),
}


@pytest.mark.parametrize("copy", VARIANTS.values(), ids=VARIANTS.keys())
def test_an_encoding_variant_is_removed_as_an_exact_repeat(copy: str) -> None:
    result = clean_text(_article(P1, P2, P3, copy))
    assert [(r.index, r.duplicate_of, r.similarity) for r in result.removed] == [(3, 0, 100.0)]
    assert result.cleaned == _article(P1, P2, P3)


def test_the_kept_first_copy_keeps_its_entities_byte_for_byte() -> None:
    encoded = VARIANTS["entities"]
    result = clean_text(_article(encoded, P2, P3, P1))
    assert result.cleaned == _article(encoded, P2, P3)
    assert "&amp; Pendler" in result.cleaned


def test_a_partial_copy_cut_out_of_encoded_text_leaves_its_bytes() -> None:
    # a scrape restart glued onto an encoded paragraph: the cut lands on word
    # boundaries of the original text, entities intact
    head = "Anwohner &amp; Pendler m&uuml;ssen warten."
    text = _article(P1, P2, P3, head + " " + P1)
    result = clean_text(text)
    assert [(r.index, r.reason) for r in result.removed] == [(3, "partial copy")]
    assert result.cleaned == _article(P1, P2, P3, head)


HI1 = (
    "भारत की राजधानी नई दिल्ली में आज सुबह भारी बारिश हुई, जिससे कई "
    "इलाकों में पानी भर गया और यातायात पूरी तरह से ठप हो गया।"
)
HI2 = (
    "मौसम विभाग ने अगले तीन दिनों तक उत्तर प्रदेश और बिहार के कई जिलों "
    "में तेज़ आंधी और ओलावृष्टि की चेतावनी जारी की है।"
)
HI3 = "स्कूलों को दो दिन के लिए बंद रखने का आदेश दिया गया है और लोगों से घरों में रहने की अपील की गई है।"
HI_OTHER = "भारत की राजधानी नई दिल्ली में कल शाम तेज़ धूप रही, और तापमान चालीस डिग्री तक पहुँच गया।"


def test_a_repeated_hindi_paragraph_is_removed_and_a_different_one_kept() -> None:
    result = clean_text(_article(HI1, HI2, HI3, HI_OTHER, HI1))
    assert [(r.index, r.duplicate_of) for r in result.removed] == [(4, 0)]
    assert result.cleaned == _article(HI1, HI2, HI3, HI_OTHER)


def test_a_hindi_paragraph_repeated_with_a_typo_is_removed() -> None:
    typo = HI1.replace("राजधानी", "राजधनी")  # a dropped vowel sign
    result = clean_text(_article(HI1, HI2, HI3, HI_OTHER, typo))
    assert [(r.index, r.duplicate_of, r.reason) for r in result.removed] == [
        (4, 0, "near-duplicate")
    ]
    assert result.cleaned == _article(HI1, HI2, HI3, HI_OTHER)


def test_a_hindi_paragraph_with_a_different_word_is_kept() -> None:
    changed = HI1.replace("सुबह", "शाम")  # morning -> evening: another fact
    result = clean_text(_article(HI1, HI2, HI3, changed))
    assert result.removed == ()
    assert result.cleaned == _article(HI1, HI2, HI3, changed)


def test_hindi_sentences_copied_before_a_new_one_are_cut_and_the_new_one_kept() -> None:
    # sentences end at the danda, so the copied ones can be cut one by one
    new = "यह एक बिल्कुल नई जानकारी है जो पहले कहीं नहीं लिखी गई थी।"
    result = clean_text(_article(HI1, HI2, HI3, HI_OTHER, f"{HI2} {HI3} {new}"))
    assert [(r.index, r.reason) for r in result.removed] == [(4, "partial copy")] * 2
    assert result.cleaned == _article(HI1, HI2, HI3, HI_OTHER, new)


def test_a_near_copy_with_entities_is_judged_like_its_plain_form() -> None:
    # one added small word and one typo: a near-duplicate, entities or not
    copy = P2.replace("müssen mit", "müssen dann mit").replace("längeren", "langeren")
    result = clean_text(_article(P1, P2, P3, copy))
    assert [(r.index, r.reason) for r in result.removed] == [(3, "near-duplicate")]


def test_a_hindi_copy_that_adds_a_negation_is_kept() -> None:
    # नहीं ("not") makes it say the opposite: another fact, never a typo or a small word
    negated = HI1.replace("भारी बारिश हुई", "भारी बारिश नहीं हुई")  # a pure addition
    result = clean_text(_article(HI1, HI2, HI3, HI_OTHER, negated))
    assert result.removed == ()
