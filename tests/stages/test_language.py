"""Specification of the language-detection stage (``workers.stages.language.detect_language``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from workers.stages import language as language_module
from workers.stages.language import detect_language

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000.txt"
LANGID_EVAL = REPO / ".." / "shared" / "eval" / "langid"

CODE_RE = re.compile(r"^([a-z]{2}|und)$")
SERBO_CROATIAN = {"hr", "sr", "bs", "sh"}


def assert_valid(result: dict) -> None:
    """The output contract every call must honour, whatever the input."""
    assert set(result) >= {"code", "confidence", "script", "method", "alternatives"}
    assert CODE_RE.match(result["code"]), result
    assert 0.0 <= result["confidence"] <= 1.0
    assert re.fullmatch(r"[A-Z][a-z]{3}", result["script"]), result
    assert isinstance(result["method"], str) and result["method"]
    alternatives = result["alternatives"]
    assert len(alternatives) <= 3
    assert all(set(a) == {"code", "confidence"} and 0.0 <= a["confidence"] <= 1.0 for a in alternatives)
    assert result["code"] not in {a["code"] for a in alternatives}
    confidences = [a["confidence"] for a in alternatives]
    assert confidences == sorted(confidences, reverse=True)
    if result["code"] in SERBO_CROATIAN:
        assert result["member"] in {"hr", "sr", "bs"}


# --- the seed ---------------------------------------------------------------------------------
def test_seed_article_is_indonesian_with_high_confidence() -> None:
    result = detect_language(SEED.read_text(encoding="utf-8"))
    assert_valid(result)
    assert result["code"] == "id"
    assert result["confidence"] >= 0.9
    assert result["script"] == "Latn"


# --- one realistic news paragraph per launch language ------------------------------------------
NEWS = {
    "en": "The central bank kept its benchmark interest rate unchanged on Thursday, saying inflation "
          "had eased more slowly than expected. Officials said they would watch food and energy prices "
          "closely before deciding on any cut later this year.",
    "id": "Pemerintah provinsi menyiapkan posko pengungsian bagi warga yang terdampak banjir sejak Selasa "
          "malam. Kepala dinas sosial mengatakan bahwa bantuan makanan dan obat-obatan sudah dikirim ke "
          "tiga kecamatan, namun sejumlah desa masih sulit dijangkau karena jalan tertutup lumpur.",
    "ms": "Kerajaan negeri telah membuka pusat pemindahan sementara bagi penduduk yang terjejas akibat "
          "banjir sejak malam Selasa. Pengarah jabatan kebajikan berkata bahawa bantuan makanan dan "
          "ubat-ubatan sudah dihantar ke tiga daerah, namun beberapa kampung masih sukar dimasuki kerana "
          "jalan ditutup lumpur.",
    "fr": "Le gouvernement a annoncé mardi un plan de soutien aux agriculteurs touchés par la sécheresse. "
          "Le ministre de l'Agriculture a précisé que les premières aides seraient versées avant la fin du "
          "mois, tandis que les syndicats jugent ces mesures insuffisantes.",
    "de": "Die Bundesregierung hat am Mittwoch ein neues Entlastungspaket für Familien beschlossen. Nach "
          "Angaben des Finanzministeriums sollen die Zahlungen noch vor dem Winter ausgezahlt werden, "
          "während die Opposition die Pläne als zu zaghaft kritisierte.",
    "es": "El Gobierno aprobó este martes un paquete de ayudas para los agricultores afectados por la "
          "sequía. El ministro de Agricultura explicó que los primeros pagos llegarán antes de fin de mes, "
          "mientras que las organizaciones del sector consideran insuficientes las medidas.",
    "pt": "O governo anunciou nesta terça-feira um pacote de ajuda aos agricultores atingidos pela seca. "
          "O ministro da Agricultura afirmou que os primeiros pagamentos serão feitos até o fim do mês, "
          "enquanto os sindicatos do setor consideram as medidas insuficientes.",
    "it": "Il governo ha approvato martedì un pacchetto di aiuti per gli agricoltori colpiti dalla "
          "siccità. Il ministro dell'Agricoltura ha spiegato che i primi pagamenti arriveranno entro la "
          "fine del mese, mentre le associazioni di categoria giudicano le misure insufficienti.",
    "nl": "Het kabinet heeft dinsdag een steunpakket gepresenteerd voor boeren die door de droogte zijn "
          "getroffen. De minister van Landbouw zei dat de eerste betalingen nog voor het einde van de "
          "maand worden gedaan, terwijl belangenorganisaties de maatregelen onvoldoende vinden.",
    "ru": "Правительство во вторник утвердило пакет помощи фермерам, пострадавшим от засухи. Министр "
          "сельского хозяйства заявил, что первые выплаты поступят до конца месяца, однако отраслевые "
          "союзы считают эти меры недостаточными.",
    "ja": "政府は火曜日、干ばつの被害を受けた農家への支援策を発表した。農林水産大臣は、最初の支払いは"
          "月末までに行われると説明したが、業界団体は対策が不十分だと批判している。",
    "zh": "政府周二宣布了一项针对受旱灾影响农民的援助计划。农业部长表示，首批补助将在月底前发放，"
          "但行业协会认为这些措施力度不足。",
}
SCRIPTS = {"ru": "Cyrl", "ja": "Jpan", "zh": "Hani"}


@pytest.mark.parametrize("lang", sorted(NEWS))
def test_news_paragraph_is_detected_in_its_language(lang: str) -> None:
    result = detect_language(NEWS[lang])
    assert_valid(result)
    assert result["code"] == lang, result
    assert result["confidence"] >= 0.7, result
    assert result["script"] == SCRIPTS.get(lang, "Latn")


# --- Indonesian vs Malay: same sentence, only the characteristic words differ ------------------
ID_MS_PAIRS = [
    ("Pemerintah mengatakan bahwa biaya kuliah di universitas negeri tidak akan naik tahun ini "
     "karena anggaran pendidikan sudah cukup.",
     "Kerajaan berkata bahawa kos pengajian di universiti awam tidak akan naik tahun ini kerana "
     "peruntukan pendidikan sudah cukup."),
    ("Polisi menangkap dua tersangka kasus narkoba di dekat stasiun kereta api pada Senin malam.",
     "Polis menangkap dua suspek kes dadah berhampiran stesen kereta api pada malam Isnin."),
    ("Sebagian besar warga bisa mendapatkan layanan kesehatan gratis di rumah sakit pemerintah mulai "
     "bulan Agustus.",
     "Sebahagian besar rakyat boleh mendapatkan perkhidmatan kesihatan percuma di hospital kerajaan "
     "bermula bulan Ogos."),
    ("Perusahaan itu mencatat kenaikan laba sebesar 12 persen, yaitu sekitar Rp 3 triliun, "
     "dibandingkan tahun lalu.",
     "Syarikat itu mencatatkan kenaikan keuntungan sebanyak 12 peratus, iaitu kira-kira RM3 bilion, "
     "berbanding tahun lepas."),
    ("Mantan menteri itu mengaku tidak tahu soal proyek tersebut saat diwawancarai wartawan.",
     "Bekas menteri itu mengaku tidak tahu mengenai projek itu semasa ditemu bual pemberita."),
    ("Presiden meresmikan jembatan baru yang rusak akibat gempa tahun lalu.",
     "Perdana Menteri merasmikan jambatan baharu yang rosak akibat gempa bumi tahun lepas."),
    ("Rumah sakit itu membutuhkan lebih dari seratus perawat untuk merawat pasien.",
     "Hospital itu memerlukan lebih daripada seratus jururawat untuk merawat pesakit."),
    ("Tim nasional akan bertanding di Spanyol dan Polandia pada bulan Juni.",
     "Pasukan kebangsaan akan bertanding di Sepanyol dan Poland pada bulan Jun."),
    ("Wabah demam berdarah meluas dan puluhan warga yang terinfeksi dirawat di bangsal.",
     "Wabak denggi merebak dan puluhan penduduk yang dijangkiti dirawat di wad."),
    ("Pemerintah berencana memulai program daur ulang sampah plastik di pusat perbelanjaan.",
     "Kerajaan bercadang memulakan program kitar semula sampah plastik di pusat membeli-belah."),
]


@pytest.mark.parametrize(("indonesian", "malay"), ID_MS_PAIRS,
                         ids=["government", "police", "health", "business", "politics",
                              "inauguration", "hospital", "sport", "outbreak", "recycling"])
def test_indonesian_and_malay_versions_of_a_sentence_are_told_apart(indonesian: str, malay: str) -> None:
    id_result, ms_result = detect_language(indonesian), detect_language(malay)
    assert_valid(id_result)
    assert_valid(ms_result)
    assert id_result["code"] == "id", id_result
    assert ms_result["code"] == "ms", ms_result


# --- text with no language -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", "   \n\t  ", "2024 12 345 67,89", "😀🎉🔥👍", "!!! ... ??? ---", "https://example.com/a/b?c=1",
    "\x00\x01\x02\x1f", "Ok", "Rp 12.500,00 / USD 0,8", "10 km/h, 25 kg, 3 m", "+62 812-3456-7890",
    "kompas.com/read/2024/03/12/berita", "a3f9c0e1b2d4e5f60718293a4b5c6d7e",
    "SELECT * FROM users WHERE id = 1;", 'if (a < b) { console.log("x"); }',
    '{"id": 12, "tags": ["a", "b"]}', "import numpy as np\nx = np.zeros((3, 4))",
], ids=["empty", "whitespace", "digits", "emoji", "punctuation", "url", "controls", "too-short",
        "amounts", "units", "phone", "bare-domain", "hex-digest", "sql", "javascript", "json", "python"])
def test_text_without_language_is_und_with_zero_confidence(text: str) -> None:
    result = detect_language(text)
    assert_valid(result)
    assert result["code"] == "und"
    assert result["confidence"] == 0.0


def test_hint_never_turns_missing_text_into_a_language() -> None:
    assert detect_language("", hint="id")["code"] == "und"
    assert detect_language("12:30 WIB", hint="id-ID")["code"] == "und"


# --- the feed's hint ----------------------------------------------------------------------------
# Word for word valid in both standards: only the hint can decide it.
NEUTRAL_ID_MS = "Harga minyak naik lagi hari ini."


@pytest.mark.parametrize("text", [
    # Words whose meaning differs between the standards are not Malay evidence: Indonesian
    # "digelar" (held, of an event), "ramai" (busy), "gempa susulan" (aftershock), "patut diduga".
    "Kirab budaya digelar warga Kampung Sidomulyo untuk menyambut tahun baru.",
    "Pasar Klewer Solo ramai pembeli jelang Lebaran.",
    "Gempa susulan kembali mengguncang Cianjur dan warga diminta tetap waspada.",
    "Tersangka patut diduga melakukan perlawanan saat hendak ditangkap petugas.",
], ids=["digelar", "ramai", "susulan", "patut-diduga"])
def test_indonesian_words_with_a_different_malay_meaning_do_not_make_text_malay(text: str) -> None:
    assert detect_language(text)["code"] == "id"


def test_indonesian_read_as_javanese_without_javanese_function_words_is_indonesian() -> None:
    # py3langid gives Javanese the largest share; the sentence has no Javanese function word and
    # the models' Indonesian + Malay shares together outweigh it.
    result = detect_language("Ribuan warga Boyolali ikut kirab gunungan.")
    assert_valid(result)
    assert result["code"] == "id"
    assert "function-words" in result["method"]


@pytest.mark.parametrize("text", [
    "Wong-wong padha teka ing pasar lan tuku sayuran sing isih seger.",
    "Bocah-bocah padha dolanan ing latar omah nalika udan deres.",
])
def test_javanese_with_its_own_function_words_stays_javanese(text: str) -> None:
    assert detect_language(text)["code"] == "jv"


@pytest.mark.parametrize("hint", ["id", "id-ID", "ms", "ms_MY"])
def test_hint_breaks_an_id_ms_tie(hint: str) -> None:
    result = detect_language(NEUTRAL_ID_MS, hint=hint)
    assert_valid(result)
    assert result["code"] == hint[:2]
    assert "hint" in result["method"]


def test_hint_does_not_override_clear_malay_evidence() -> None:
    result = detect_language(ID_MS_PAIRS[0][1], hint="id-ID")
    assert result["code"] == "ms"
    assert "hint" not in result["method"]


@pytest.mark.parametrize("hint", ["id", "de", "ja", "xx-nonsense"])
def test_hint_does_not_override_a_clear_language(hint: str) -> None:
    result = detect_language(NEWS["en"], hint=hint)
    assert result["code"] == "en"
    assert "hint" not in result["method"]


# --- scripts and the Serbo-Croatian group ------------------------------------------------------
def test_kana_makes_japanese_and_hangul_makes_korean_even_in_short_text() -> None:
    assert detect_language("東京で記者会見")["code"] == "ja"
    korean = detect_language("정부는 화요일 새 대책을 발표했다.")
    assert (korean["code"], korean["script"]) == ("ko", "Kore")


# A kanji-only headline ("Prime Minister Kishida visits the US") is written the same in both languages.
KANJI_ONLY_HEADLINE = "岸田首相訪米"


def test_han_only_headline_is_chinese_without_a_hint() -> None:
    result = detect_language(KANJI_ONLY_HEADLINE)
    assert_valid(result)
    assert (result["code"], result["script"]) == ("zh", "Hani")


@pytest.mark.parametrize("hint", ["ja", "ja-JP"])
def test_han_only_headline_follows_a_japanese_hint(hint: str) -> None:
    result = detect_language(KANJI_ONLY_HEADLINE, hint=hint)
    assert_valid(result)
    assert (result["code"], result["script"]) == ("ja", "Hani")
    assert "hint" in result["method"]


@pytest.mark.parametrize("headline", ["大阪駅周辺再開発計画", "東京都議会選挙結果発表", "静岡県知事選"],
                         ids=["eki", "kai-and-hatsu", "ken"])
def test_han_only_headline_with_japanese_only_character_forms_is_japanese(headline: str) -> None:
    # 駅, 発, 県 are Japanese forms: Chinese writes 站/驛, 发/發, 县/縣.
    result = detect_language(headline)
    assert_valid(result)
    assert result["code"] == "ja", result


def test_one_japanese_company_name_does_not_make_a_chinese_article_japanese() -> None:
    text = NEWS["zh"] * 3 + "日本的三井不動産（三井不動産株式会社）也表示关注。" + NEWS["zh"] * 3
    assert detect_language(text)["code"] == "zh"


def test_japanese_only_character_forms_are_encoded_by_neither_chinese_standard() -> None:
    from workers.stages.language import _JA_ONLY_HAN

    for char in _JA_ONLY_HAN:
        for codec in ("gb2312", "big5"):
            with pytest.raises(UnicodeEncodeError):
                char.encode(codec)


def test_serbian_in_cyrillic_is_serbian() -> None:
    result = detect_language("Влада Србије је у четвртак саопштила да ће цене горива остати "
                             "непромењене до краја месеца.")
    assert_valid(result)
    assert (result["code"], result["member"], result["script"]) == ("sr", "sr", "Cyrl")


def test_croatian_is_answered_in_the_serbo_croatian_group_with_a_member() -> None:
    result = detect_language("Vlada je u četvrtak objavila da će cijene goriva ostati nepromijenjene "
                             "do kraja mjeseca, a oporba traži hitnu sjednicu Sabora.")
    assert_valid(result)
    assert result["code"] in {"hr", "sh"}
    assert result["member"] in {"hr", "sr", "bs"}


# --- headlines, capitals, boilerplate --------------------------------------------------------------
@pytest.mark.parametrize(("headline", "lang"), [
    ("Harga beras naik, warga diminta tidak panik", "id"),
    ("PEMERINTAH TETAPKAN HARGA BERAS NAIK MULAI BULAN DEPAN, WARGA DIMINTA TIDAK PANIK", "id"),
    ("KERAJAAN UMUM KENAIKAN HARGA MINYAK KERANA KOS PENGANGKUTAN MENINGKAT", "ms"),
    ("GOVERNMENT RAISES FUEL PRICES AS INFLATION BITES", "en"),
], ids=["id-headline", "id-all-caps", "ms-all-caps", "en-all-caps"])
def test_headlines_and_all_capital_text_are_detected(headline: str, lang: str) -> None:
    result = detect_language(headline)
    assert_valid(result)
    assert result["code"] == lang, result


ENGLISH_BOILERPLATE = (
    "By Andi Wijaya and Sarah Lim | Jakarta Bureau | Published 12 March 2024, 10:32 GMT | Updated "
    "2 hours ago. Share this article on Facebook, X and LinkedIn. Sign up for our morning newsletter "
    "to get the latest headlines delivered to your inbox. All rights reserved. This story was "
    "produced with our regional partners; reporting by our correspondents, editing by the news desk. "
)


@pytest.mark.parametrize("repeats", [2, 4], ids=["short-prefix", "prefix-fills-most-of-the-window"])
def test_english_byline_before_an_indonesian_body_does_not_hide_the_body(repeats: int) -> None:
    text = ENGLISH_BOILERPLATE * repeats + "\n\n" + (NEWS["id"] + "\n") * 10
    result = detect_language(text)
    assert_valid(result)
    assert result["code"] == "id", result


def test_english_article_with_one_indonesian_quote_stays_english() -> None:
    text = (NEWS["en"] + " ") * 4 + "“" + NEWS["id"][:120] + "”, he said. " + (NEWS["en"] + " ") * 8
    assert detect_language(text)["code"] == "en"


# --- shortcuts agree with the general path --------------------------------------------------------
def _script_profile_by_letters(sample: str) -> dict[str, int]:
    import regex

    counts: dict[str, int] = {}
    for letter in regex.findall(r"\p{L}", sample):
        code = next((code for code, run_re in language_module._SCRIPT_RUN_RE
                     if run_re.fullmatch(letter)), "Zzzz")
        counts[code] = counts.get(code, 0) + 1
    return counts


@pytest.mark.parametrize("sample", [
    "", "   \n\t ", "123 -- !!", "Plain ASCII text, with 2 numbers.", "café µ ª º naïve",
    "Москва\u00a0и\u3000Київ — «мир»", "東京都 と ソウル 서울", "a\u2028b\x85c\x1cd",
], ids=["empty", "whitespace", "no-letters", "ascii", "latin-1", "cyrillic", "cjk", "separators"])
def test_script_profile_counts_every_letter_once(sample: str) -> None:
    assert language_module._script_profile(sample) == _script_profile_by_letters(sample)


def test_every_id_ms_phrase_adds_its_weight() -> None:
    # Phrases are looked up by their first word; none may be missed, including several that
    # share a first word ("lebih dari", "lebih daripada", "lebih kurang").
    score = language_module._id_ms_lexical_score
    phrases = language_module._ID_MS_PHRASES
    for phrase in phrases:
        words = phrase.split()
        expected = (sum(score(word) for word in words)
                    + sum(w for other, w in phrases.items() if other in phrase))
        assert score(" ".join(words)) == pytest.approx(expected), phrase


# --- hostile input ------------------------------------------------------------------------------
def test_control_characters_and_lone_surrogates_do_not_break_detection() -> None:
    # C1 controls (\x97) and lone surrogates make CLD2 raise on their own.
    text = NEWS["fr"].replace(" ", " \x97", 3).replace(".", ".\x00\ud800", 1)
    result = detect_language(text)
    assert_valid(result)
    assert result["code"] == "fr"


@pytest.mark.parametrize("text", [
    "“" * 100_000,
    "a" * 1_000_000,
    ("Putin mengatakan bahwa pasukan Ukraina melewati perbatasan. " * 20_000),
    "\ufffe\uffff" * 50_000,
], ids=["quote-marks", "one-letter", "long-article", "non-characters"])
def test_huge_or_degenerate_input_returns_a_valid_result(text: str) -> None:
    assert_valid(detect_language(text))


def test_only_a_bounded_prefix_decides_for_very_long_text() -> None:
    # 1 MB of English after an Indonesian opening: a sampled prefix, not the whole text, is read.
    text = NEWS["id"] + "\n" + NEWS["en"] * 4000
    assert detect_language(text)["code"] == "id"


# --- public evaluation sets -----------------------------------------------------------------------
def _load(name: str) -> list[dict]:
    path = LANGID_EVAL / name
    if not path.is_file():
        pytest.skip(f"evaluation set {path} not available")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _group(code: str) -> str:
    return "sh" if code in SERBO_CROATIAN else code


@pytest.fixture(scope="module")
def scored() -> dict[str, list[tuple[str, str]]]:
    """(gold, predicted) per set. Of sentences_leipzig.jsonl only the Indonesian items are scored:
    its Malay file is largely Indonesian-style text, its Indonesian labels are sound."""
    scored = {
        name: [(_group(row["lang"]), _group(detect_language(row["text"])["code"]))
               for row in _load(f"{name}.jsonl")]
        for name in ("paragraphs", "sentences")
    }
    scored["sentences_leipzig"] = [("id", detect_language(row["text"])["code"])
                                   for row in _load("sentences_leipzig.jsonl") if row["lang"] == "id"]
    return scored


# Floors sit a little under the measured accuracy (paragraphs 99.9 %, sentences 99.3 %).
@pytest.mark.parametrize(("name", "floor"), [("paragraphs", 0.99), ("sentences", 0.985)])
def test_accuracy_on_public_langid_set_stays_above_floor(scored, name: str, floor: float) -> None:
    pairs = scored[name]
    accuracy = sum(gold == pred for gold, pred in pairs) / len(pairs)
    errors = Counter((gold, pred) for gold, pred in pairs if gold != pred).most_common(8)
    assert accuracy >= floor, f"{name}: {accuracy:.4f} < {floor}; most common errors {errors}"


# Measured: paragraphs id 100 %, ms 98 %; sentences id 98.5 %, ms 98 % (the file the id/ms
# lexicon was tuned on); sentences_leipzig id 93 % (held out: never read while tuning).
@pytest.mark.parametrize(("name", "lang", "floor"), [
    ("paragraphs", "id", 0.96), ("paragraphs", "ms", 0.96),
    ("sentences", "id", 0.97), ("sentences", "ms", 0.96),
    ("sentences_leipzig", "id", 0.91),
])
def test_indonesian_malay_accuracy_each_way_stays_above_floor(scored, name: str, lang: str,
                                                              floor: float) -> None:
    predictions = [pred for gold, pred in scored[name] if gold == lang]
    accuracy = sum(pred == lang for pred in predictions) / len(predictions)
    confusions = Counter(pred for pred in predictions if pred != lang)
    assert accuracy >= floor, f"{name} {lang}: {accuracy:.4f} < {floor}; predicted instead {confusions}"


def test_id_ms_score_is_the_same_in_every_process_whatever_its_hash_seed():
    # Set order follows the per-process string hash; summing marker weights in that order made the
    # last bits of the score differ between two workers reading the same article.
    import os
    import subprocess
    import sys

    text = ("Kerajaan negeri berkata bahawa kerja-kerja membaik pulih jalan akan bermula minggu depan, "
            "manakala pihak berkuasa tempatan mengatakan bahwa warga diminta bersabar. Beliau turut "
            "memaklumkan kenderaan berat tidak dibenarkan melalui kawasan itu, ujarnya kepada wartawan. "
            "Menurut kenyataan itu, sebanyak 40 buah rumah dinaiki air dan penduduk telah dipindahkan ke "
            "pusat pemindahan sementara. Pemerintah kabupaten juga menyiapkan posko bantuan dan membagikan "
            "sembako kepada warga yang terdampak banjir. Kami akan memastikan semua mangsa mendapat bantuan "
            "secepat mungkin, katanya lagi. Polisi setempat mengimbau masyarakat agar tidak melintasi "
            "jembatan yang rusak, sementara pihak bomba masih berkawal di lokasi kejadian sehingga petang "
            "semalam.")
    code = ("import sys; from workers.stages.language import _id_ms_lexical_score as s; "
            "print(repr(s(sys.stdin.read())))")
    scores = {subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
              for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(scores) == 1
