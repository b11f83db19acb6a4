"""Language-detection stage.

Owns deciding which language an article body is written in:
``detect_language(text, hint=None) -> {"code", "confidence", "script", "method", "alternatives"}``
(plus ``"member"`` for Serbo-Croatian, see below). It is a pure function: no I/O at call time; both
statistical models ship inside their wheels and are loaded once, at import.

How a decision is made, in order:

1. Clean a bounded prefix of the text (URLs, e-mail addresses, @handles and control characters say
   nothing about the language; control characters also make CLD2 raise). Text longer than
   ``_MAX_CLD_CHARS`` is only sampled, so cost does not grow with article length.
2. Script profile of the letters. No letters (digits, emoji, punctuation) or too few letters gives
   ``"und"``. Scripts used by one language only decide on their own (kana → ja, Hangul → ko,
   Han without kana → zh, Greek → el, Thai → th, ...), ``method == "script"``.
3. Everything else goes to an ensemble of CLD2 (``pycld2``, C, strong on paragraphs) and
   ``py3langid`` (naive Bayes over byte n-grams, strong on single sentences). CLD2 always runs;
   py3langid runs on a short prefix unless CLD2 is already reliable and near-unanimous on a long
   text (it walks bytes in Python and is the expensive part).
4. Indonesian vs Malay: both models confuse them (the written standards share most of their
   vocabulary). A lexicon of spelling and word-choice differences (``_ID_MS_MARKERS``) adds
   log-odds evidence on top of the models' own id/ms ratio.
5. Croatian, Serbian and Bosnian are one macro-language whose written standards differ mostly
   in a few words and in script; the models cannot reliably tell them apart from one sentence.
   The answer is the member code when it is clear (Cyrillic is always Serbian; otherwise the
   member must hold ``_SH_MEMBER_SHARE`` of the group's probability), else ``"sh"``. Whenever
   the answer is in the group, ``"member"`` names the most likely member ("hr", "sr" or "bs").
6. ``hint`` (the feed's language tag, e.g. "id-ID") only breaks ties: it wins when it is one of
   the candidates and the text evidence for the top candidate is no more than ``_HINT_MARGIN``
   ahead (for id/ms: when the lexical + model log-odds are within ``_ID_MS_HINT_LOGIT``; for
   hr/sr/bs it picks the member the same way). It never raises a confidence and never turns
   ``"und"`` into a language.
7. Norwegian: CLD2's Bokmål/Nynorsk split is unreliable, so py3langid divides the Norwegian
   probability, with prior odds favouring the majority standard Bokmål.

Output: ``code`` is ISO 639-1 (``"nb"`` for Norwegian Bokmål, which is also what generic
Norwegian is reported as; ``"sh"`` as above) or ``"und"``; ``confidence`` in [0, 1]; ``script``
is ISO 15924 (``"Jpan"`` for Japanese mixed script, ``"Kore"`` for Hangul, ``"Zyyy"`` when there
are no letters, ``"Zzzz"`` for letters of a script not profiled); ``method`` names what decided
("empty", "no-letters", "too-short", "low-confidence", "no-evidence" for ``"und"``; "script",
"cld2", "ensemble" or "langid" for a language, optionally followed by "+id-ms" and "+hint");
``alternatives`` holds up to three runner-ups with confidence ≥ 0.01, best first (for ``"und"``
after "low-confidence": the weak candidates). ``member`` is present only for hr/sr/bs/sh.

Memory: py3langid's table is held as float32 (~50 MB) for speed, see ``_load_langid``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, Final

import numpy as np
import pycld2
import regex
from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["detect_language"]

# --- sampling budgets ---------------------------------------------------------------------------
# CLD2 costs ~25 ns per byte; its accuracy is saturated well before 2000 characters.
_MAX_CLD_CHARS: Final = 2000
_MAX_CLD_BYTES: Final = 2400
# py3langid walks every byte in Python (~0.4 µs/byte), so it only ever sees a short prefix
# (single sentences, its strength, fit in it).
_MAX_LID_CHARS: Final = 300
_MAX_LID_BYTES: Final = 360
# Script proportions settle within a few hundred characters.
_MAX_SCRIPT_CHARS: Final = 400
# Cleaning works on a little more than CLD2 needs, because cleaning removes characters.
_MAX_CLEAN_CHARS: Final = 2400

# Fewer letters than this (in an alphabetic script) is not enough evidence for any model.
_MIN_LETTERS: Final = 4
# Ideographs and syllables carry more information per character.
_MIN_CJK_LETTERS: Final = 2

# CLD2 alone decides when it says "reliable", gives the top language at least this share of the
# text it recognised, recognised most of it, and the sample has at least _LONG_TEXT_CHARS
# characters (both models are ~99.5 % right on such paragraphs; py3langid would add cost, not
# accuracy).
_CLD_ALONE_SHARE: Final = 0.9
_CLD_ALONE_COVERAGE: Final = 0.5
_LONG_TEXT_CHARS: Final = 300
_LONG_TEXT_LETTERS: Final = 100
# Ensemble weights. py3langid is the better sentence classifier; CLD2 gets less say when it
# flags its own answer as unreliable (short text).
_W_LID: Final = 1.0
_W_CLD_RELIABLE: Final = 1.0
_W_CLD_UNRELIABLE: Final = 0.5
# CLD2 reads text in chunks and is erratic on one short sentence (Dutch read as Afrikaans, a French
# sentence opening with "Internet" read as English); its say grows with length up to this.
_CLD_FULL_WEIGHT_CHARS: Final = 250
# Below this combined confidence the evidence is too thin to name a language.
_MIN_CONFIDENCE: Final = 0.25

_HINT_MARGIN: Final = 0.15
_ID_MS_HINT_LOGIT: Final = 1.0
_SH_MEMBER_SHARE: Final = 0.8
_MAX_ALTERNATIVES: Final = 3
_MIN_ALTERNATIVE: Final = 0.01

# --- cleaning -----------------------------------------------------------------------------------
# C0/C1 controls (except tab/newline/CR), lone surrogates and non-characters: CLD2 rejects them as
# invalid UTF-8, and they carry no language.
_CONTROL_RE: Final = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Each alternative starts with a distinct literal and has one bounded quantifier: linear time.
# Every match starts at "h", "w", "@" or "#", so the scan rejects other positions at once. An
# e-mail address loses only its "@domain" part; the local part left behind is one harmless token.
_NOISE_RE: Final = re.compile(r"(?:https?://|www\.)\S{1,2000}|[@#][\w.-]{1,253}")
_NON_LETTERS_RE: Final = regex.compile(r"\P{L}{1,1000}")

# --- scripts ------------------------------------------------------------------------------------
# (ISO 15924 code, Unicode script name). Order matters only for speed: the profile peels scripts
# off the letters one by one and stops when none are left, so common scripts come first.
_SCRIPTS: Final = (
    ("Latn", "Latin"), ("Cyrl", "Cyrillic"), ("Hani", "Han"), ("Hira", "Hiragana"),
    ("Kana", "Katakana"), ("Hang", "Hangul"), ("Arab", "Arabic"), ("Deva", "Devanagari"),
    ("Grek", "Greek"), ("Hebr", "Hebrew"), ("Thai", "Thai"), ("Beng", "Bengali"),
    ("Taml", "Tamil"), ("Telu", "Telugu"), ("Knda", "Kannada"), ("Mlym", "Malayalam"),
    ("Gujr", "Gujarati"), ("Guru", "Gurmukhi"), ("Orya", "Oriya"), ("Sinh", "Sinhala"),
    ("Mymr", "Myanmar"), ("Khmr", "Khmer"), ("Laoo", "Lao"), ("Geor", "Georgian"),
    ("Armn", "Armenian"), ("Ethi", "Ethiopic"), ("Tibt", "Tibetan"),
)
_SCRIPT_RUN_RE: Final = tuple(
    (code, regex.compile(rf"\p{{Script={name}}}{{1,1000}}")) for code, name in _SCRIPTS
)
# Scripts written (in news) by a single language: the script alone decides.
_SCRIPT_LANGUAGE: Final = {
    "Grek": "el", "Thai": "th", "Taml": "ta", "Telu": "te", "Knda": "kn",
    "Mlym": "ml", "Gujr": "gu", "Guru": "pa", "Orya": "or", "Sinh": "si", "Mymr": "my",
    "Khmr": "km", "Laoo": "lo", "Geor": "ka", "Armn": "hy",
}
_CJK: Final = frozenset({"Hani", "Hira", "Kana", "Hang"})
# Japanese running text is roughly a third kana; Chinese quotes an occasional Japanese name.
_KANA_SHARE_FOR_JA: Final = 0.05

# --- code normalisation -------------------------------------------------------------------------
# Model labels that are not ISO 639-1 but belong to a macro-language that is, plus CLD2's legacy
# codes. Labels with no ISO 639-1 home are excluded from py3langid (see _load_langid).
_ALIASES: Final = {
    "iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro", "no": "nb", "zh-hant": "zh",
    "sr-me": "sr", "wuu": "zh", "yue": "zh", "cmn": "zh", "ary": "ar", "arz": "ar", "zsm": "ms",
    "gug": "gn", "kik": "ki", "sdh": "ku", "uzs": "uz", "hbo": "he", "grc": "el", "ltg": "lv",
    "fil": "tl", "tgl": "tl",
}
_SH_GROUP: Final = frozenset({"hr", "sr", "bs"})
_NORWEGIAN: Final = frozenset({"nb", "nn"})
# Nynorsk is the minority standard (roughly one Norwegian text in ten) and py3langid calls a fair
# share of Bokmål sentences Nynorsk, so its nn:nb ratio is weighed by these prior odds (py3langid
# must be 3:1 for Nynorsk to win).
_NYNORSK_PRIOR_ODDS: Final = 1 / 3


def _normalise_code(code: str | None) -> str | None:
    """Map a model label or BCP 47 tag ("id-ID", "zh_Hant", "iw") to an ISO 639-1 code."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    if code in _ALIASES:
        return _ALIASES[code]
    primary = code.split("-", 1)[0]
    primary = _ALIASES.get(primary, primary)
    if len(primary) == 2 and primary.isalpha() and primary.isascii():
        return primary
    return None


def _load_langid() -> tuple[LanguageIdentifier, list[str]]:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # "zxx" (no linguistic content) is kept: it absorbs junk instead of a random language.
    keep = [lab for lab in identifier.labels if lab == "zxx" or _normalise_code(lab)]
    identifier.set_languages(keep)
    # The shipped table is float16. NumPy has no fast float16 product, so each call spent ~60 % of
    # its time converting the rows a text touches (~1 ns per value). A float32, C-ordered copy
    # (~50 MB instead of ~25 MB) makes scoring a sentence ~2x faster with identical results
    # (the product is computed in float32 either way).
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
    mapped = [("und" if lab == "zxx" else _normalise_code(lab)) or "und"
              for lab in identifier.nb_classes]
    return identifier, mapped


_LID, _LID_CODES = _load_langid()

# --- Indonesian vs Malay ------------------------------------------------------------------------
# Positive weights are evidence for Malay (Malaysian/Bruneian standard), negative for Indonesian.
# ±2: a spelling or word that the other standard does not use; ±1: strongly preferred by one
# standard; ±0.5: a mild preference. Written from the standards' known differences: spelling
# (karena/kerana, sehat/sihat, -itas/-iti, ekspor/eksport), everyday vocabulary (uang/wang,
# kantor, polisi/polis, persen/peratus) and news usage (ujar, dilansir). No weight was fitted to
# data. A handful of entries (minit, stesen, salji, tasik, setem, senarai, kelajuan, memenangi,
# memicu, praktik and the capitalised "Anda") were added after reading errors on the public
# sentences set, so its id/ms score is slightly optimistic. Words shared by both standards with
# different meanings (pejabat: id official / ms office) are deliberately left out.
_ID_MS_MARKERS: Final[dict[str, float]] = {
    # function words and connectives
    "kerana": 2, "karena": -2, "bahawa": 2, "bahwa": -2, "sahaja": 2, "saja": -1.5,
    "iaitu": 2, "yaitu": -2, "yakni": -1, "mahupun": 2, "maupun": -2, "daripada": 0.5,
    "apabila": 1, "manakala": 2, "sekiranya": 1.5, "bagaimanapun": 1.5, "justeru": 2,
    "justru": -2, "selepas": 2, "semasa": 1, "semenjak": 0.5, "menerusi": 1.5, "mengikut": 1,
    "antaranya": 1.5, "seterusnya": 1, "selanjutnya": -0.7, "sepatutnya": 1.5,
    "seharusnya": -1, "berbanding": 2, "dibandingkan": -1, "memandangkan": 1.5, "meskipun": -0.5,
    "agar": -0.7, "tapi": -1, "bahkan": -0.5, "malah": 0.5, "kapan": -1.5, "bisa": -1.5,
    "boleh": 0.5, "mahu": 2, "mau": -1.5, "tersebut": -0.5, "para": -0.7, "ialah": 0.3,
    "seramai": 2, "sebarang": 2, "sesebuah": 2, "saat": -1, "ketika": -0.3, "lepas": 1,
    "sentiasa": 2, "senantiasa": -1.5, "kerap": 1, "amat": 0.5, "pula": 0.3, "mulai": -1.5,
    "dimulai": -1.5, "bermula": 1.5, "mula": 1, "sedar": 2, "sadar": -2, "faham": 1.5,
    "paham": -1.5, "fikir": 2, "fikiran": 2, "berfikir": 2, "pemikir": 0.5, "pikir": -2,
    "pikiran": -2, "berpikir": -2, "cuba": 2, "mencuba": 2, "coba": -2, "mencoba": -2,
    "betul": 1, "memiliki": -0.7, "dimiliki": -0.5, "mempunyai": 0.5, "terdapat": 0.3,
    "mendapati": 1, "menemukan": -1, "dikenali": 2, "dikenal": -1.5, "digelar": 1.5,
    "berkata": 0.7, "mengatakan": -0.7, "ujar": -2, "tutur": -1, "ungkap": -1, "dilansir": -2,
    "dikutip": -1, "berlaku": 1, "terjadi": -0.7, "tak": 0.3, "kalian": -1, "nggak": -2,
    "enggak": -2, "gak": -2, "banget": -2, "aja": -2, "dong": -1.5, "sih": -1.5, "kok": -1.5,
    "berhampiran": 2, "hadapan": 0.7, "bandar": 1, "kota": -0.5,
    "kawasan": 1, "khas": 1.5,
    # spelling differences
    "baharu": 1.5, "kesihatan": 2, "kesehatan": -2, "sihat": 2, "sehat": -2, "wang": 2,
    "uang": -2, "hutang": 1.5, "utang": -1.5, "beza": 2, "berbeza": 2, "perbezaan": 2,
    "membezakan": 2, "beda": -2, "berbeda": -2, "perbedaan": -2, "membedakan": -2,
    "isteri": 2, "istri": -2, "eksport": 2, "ekspor": -2, "import": 1, "impor": -2,
    "projek": 2, "proyek": -2, "telefon": 2, "telepon": -2, "televisyen": 2, "televisi": -2,
    "filem": 2, "film": -0.7, "muzik": 2, "musik": -2, "muzium": 2, "doktor": 2, "dokter": -2,
    "ubat": 2, "obat": -2, "nombor": 2, "nomor": -2, "parlimen": 2, "parlemen": -2,
    "eropah": 2, "eropa": -2, "inggeris": 2, "inggris": -2, "perancis": 1, "prancis": -2,
    "jepun": 2, "jepang": -2, "tentera": 2, "tentara": -2, "teksi": 2, "taksi": -1.5,
    "elektrik": 2, "listrik": -2, "bahagian": 2, "sebahagian": 2, "bagian": -2,
    "sebagian": -2, "pelbagai": 2, "berbagai": -1, "universiti": 2, "universitas": -2,
    "kualiti": 2, "kualitas": -2, "aktiviti": 2, "aktivitas": -2, "komuniti": 2,
    "komunitas": -2, "identiti": 2, "identitas": -2, "realiti": 2, "realitas": -2,
    "kapasiti": 2, "kapasitas": -2, "fasiliti": 2, "fasilitas": -2, "prioriti": 2,
    "prioritas": -2, "majoriti": 2, "mayoritas": -2, "minoriti": 2, "minoritas": -2,
    "integriti": 2, "integritas": -2, "kreativiti": 2, "kreativitas": -2, "stabiliti": 2,
    "stabilitas": -2, "otoritas": -2, "populariti": 2, "popularitas": -2,
    "kahwin": 2, "berkahwin": 2, "perkahwinan": 2, "kawin": -1, "menikah": -1.5,
    "pernikahan": -1.5,
    # everyday vocabulary
    "kerajaan": 1.5, "pemerintah": -1.5, "pemerintahan": -1, "pentadbiran": 2,
    "pengurusan": 2, "pengurus": 2, "manajer": -1.5, "manajemen": -1.5, "syarikat": 2,
    "perusahaan": -1.5, "perniagaan": 2, "bisnis": -1.5, "percuma": 2, "gratis": -1.5,
    "ramai": 1, "polis": 2, "polisi": -1.5, "kenderaan": 2, "kendaraan": -2, "kereta": 0.5,
    "mobil": -2, "basikal": 2, "sepeda": -2, "bandara": -2, "maklumat": 2, "informasi": -1,
    "tempatan": 2, "antarabangsa": 2, "internasional": -1.5, "dijangka": 2, "dijangkakan": 2,
    "menjangkakan": 2, "bekas": 1, "mantan": -2, "tempoh": 2, "periode": -1,
    "pengangkutan": 2, "transportasi": -2, "sukan": 2, "olahraga": -2, "kumpulan": 1,
    "kelompok": -1, "jawatankuasa": 2, "mesyuarat": 2, "pertubuhan": 2, "hospital": 1.5,
    "jururawat": 2, "perawat": -1.5, "kajian": 1, "penelitian": -2, "peneliti": -2,
    "penyelidikan": 2, "penyelidik": 2, "saintis": 2, "ilmuwan": -2, "akhbar": 2,
    "koran": -2, "kemarin": -2, "esok": 1.5, "besok": -2, "petang": 1.5, "sore": -1.5,
    "peringkat": 1, "pengarah": 2, "direktur": -2, "naib": 2, "setiausaha": 2,
    "sekretaris": -2, "pengerusi": 2, "timbalan": 2, "berjaya": 2, "kejayaan": 2,
    "berhasil": -1.5, "keberhasilan": -2, "kesuksesan": -1.5, "kejohanan": 2, "kejuaraan": -2,
    "pingat": 2, "medali": -2, "jurulatih": 2, "kemalangan": 2, "kecelakaan": -2,
    "mangsa": 2, "korban": -1, "tewas": -1, "ringgit": 2, "rupiah": -2, "pelaburan": 2,
    "pelabur": 2, "investasi": -1.5, "cukai": 2, "pajak": -2, "belanjawan": 2, "bajet": 2,
    "kaedah": 2, "metode": -1, "bilion": 2, "miliar": -1.5, "trilion": 2, "triliun": -2,
    "peratus": 2, "persen": -2, "askar": 1.5, "negeri": 1, "provinsi": -2, "kabupaten": -2,
    "kecamatan": -2, "awam": 1.5, "kes": 2, "kasus": -2, "mahkamah": 2, "pengadilan": -1.5,
    "peguam": 2, "pengacara": -1.5, "kebijakan": -2, "jenayah": 2, "kejahatan": -0.7,
    "dadah": 2, "narkoba": -2, "rasuah": 2, "korupsi": -1.5, "perlembagaan": 2,
    "konstitusi": -1.5, "undi": 2, "mengundi": 2, "pengundi": 2, "pemilu": -2,
    "bertanding": 1.5, "kanak-kanak": 2, "lelaki": 1.5, "laki-laki": -1.5, "pria": -1,
    "rakan": 2, "rekan": -1, "jiran": 2, "tetangga": -2, "haiwan": 2, "hewan": -2,
    "bekalan": 2, "pasokan": -2, "petrol": 1.5, "bensin": -2, "kos": 2, "biaya": -2,
    "yuran": 2, "perbelanjaan": 2, "perbadanan": 2, "kawalan": 2, "mengawal": 1.5,
    "kontrol": -1.5, "mengendalikan": -1, "siasatan": 2, "menyiasat": 2, "penyidikan": -2,
    "penyidik": -2, "kilang": 2, "pabrik": -2, "cabaran": 2, "tantangan": -2, "agensi": 1.5,
    "jabatan": 0.7, "kantor": -2, "tanggungjawab": 2, "bertanggungjawab": 2, "pelajar": 1,
    "mahasiswa": -1, "perkhidmatan": 2, "layanan": -1.5, "pelayanan": -1.5, "laluan": 2,
    "rute": -1, "kenyataan": 1, "pernyataan": -1, "tiongkok": -2,
    "galakan": 2, "menggalakkan": 2, "kempen": 2, "kampanye": -2, "sokongan": 2,
    "menyokong": 2, "disokong": 2, "dukungan": -2, "mendukung": -2, "didukung": -2,
    "parti": 2, "partai": -2, "pembangkang": 2, "oposisi": -2, "jurucakap": 2, "jubir": -2,
    "persidangan": 1.5, "konferensi": -1.5, "pelancong": 2, "pelancongan": 2, "melancong": 2,
    "wisatawan": -2, "pariwisata": -2, "percutian": 2, "liburan": -2, "lawatan": 2,
    "melawat": 2, "pelawat": 2, "kunjungan": -1, "pengunjung": -1, "kad": 2, "kartu": -2,
    "kasut": 2, "sepatu": -2, "seluar": 2, "celana": -2, "kedai": 2, "toko": -2, "bilik": 2,
    "kamar": -1.5, "lembu": 2, "sapi": -2, "pohon": -2, "motosikal": 2, "lori": 2, "truk": -2,
    "pemandu": 1.5, "memandu": 1.5, "pengemudi": -2, "sopir": -2, "trafik": 2, "isyarat": 1.5,
    "sinyal": -1.5, "talian": 2, "perisian": 2, "perangkat": -1, "rangkaian": 1,
    "jaringan": -1.5, "pautan": 2, "tautan": -2, "mengunduh": -2, "unduh": -2, "surel": -2,
    "rakaman": 2, "rekaman": -2, "pelakon": 2, "aktor": -1.5, "watak": 1.5, "pensyarah": 2,
    "dosen": -2, "ijazah": 2, "kolej": 2, "peperiksaan": 2, "markah": 2, "biasiswa": 2,
    "beasiswa": -2, "kewangan": 2, "keuangan": -2, "akaun": 2, "rekening": -2, "insurans": 2,
    "asuransi": -2, "pencen": 2, "pensiun": -2, "bersara": 2, "jawatan": 2, "posisi": -1,
    "wawancara": -1.5, "berbual": 2, "mengobrol": -2, "bercakap": 2, "berbicara": -0.7,
    "nampak": 1.5, "tampak": -1, "kelihatan": 0.7, "terlihat": -0.7, "kadangkala": 1.5,
    "selalunya": 1.5, "kebanyakannya": 1.5, "sememangnya": 2, "lagipun": 1,
    "terutamanya": 1.5, "amnya": 2, "umumnya": -0.5, "kebiasaannya": 2, "sila": 1.5,
    "silakan": -1, "encik": 2, "puan": 2, "nyonya": -1, "kakitangan": 2, "karyawan": -2,
    "usahawan": 2, "pengusaha": -0.7, "peniaga": 2, "berniaga": 2, "ongkos": -1.5,
    "perlombongan": 2, "lombong": 2, "penternakan": 2, "peternakan": -1.5, "pupuk": -2,
    "minit": 2, "menit": -2, "detik": -1.5, "tarikh": 2, "tanggal": -1.5, "dekad": 2,
    "dekade": -1, "lingkungan": -1, "polusi": -1.5, "limbah": -1.5, "longsor": -2,
    "letupan": 2, "meletup": 2, "meledak": -1.5, "pengganas": 2, "keganasan": 1.5,
    "teroris": -1.5, "terorisme": -1, "prajurit": -1.5, "warganegara": 1.5, "tersangka": -2,
    "suspek": 2, "terdakwa": -2, "tertuduh": 2, "vonis": -2, "divonis": -2, "perbicaraan": 2,
    "jaksa": -2, "pendakwa": 2, "kepolisian": -2, "diamankan": -1.5, "diduga": -1.5,
    "disyaki": 2, "mendedahkan": 2, "didedahkan": 2, "mengungkapkan": -1, "membeberkan": -2,
    "menuturkan": -2, "mengklaim": -1.5, "klaim": -1.5, "kerjasama": 1, "berkaitan": 1,
    "terkait": -1.5, "berhubung": 1, "berwenang": -1.5, "instansi": -2, "departemen": -2,
    "dinas": -1.5, "kedua-dua": 2, "kedua-duanya": 2, "ketiga-tiga": 2, "kesemua": 2,
    "sejumlah": -0.7, "sebesar": -0.5, "stesen": 2, "stasiun": -2, "jambatan": 2,
    "jembatan": -2, "salji": 2, "salju": -2, "tasik": 2, "danau": -1, "pergunungan": 2,
    "pegunungan": -2, "setem": 2, "perangko": -2, "senarai": 2, "disenaraikan": 2,
    "kelajuan": 2, "kecepatan": -2, "gerabak": 2, "gerbong": -2, "lebuh": 2,
    "mengandungi": 2, "memenangi": 2, "memenangkan": -1.5, "memicu": -1.5, "mencetuskan": 1,
    "praktik": -1.5, "amalan": 1, "kisaran": -1, "bikin": -2, "gimana": -2, "udah": -2,
    "doang": -2, "kayak": -2, "emang": -2, "gue": -2, "barusan": -2,
    # calendar
    "julai": 2, "ogos": 2, "disember": 2, "maret": -2, "agustus": -2, "desember": -2,
    "juni": -1, "juli": -1, "isnin": 2, "khamis": 2, "jumaat": 2, "ahad": 1, "senin": -2,
    "kamis": -2, "jumat": -2,
}
# Two-word markers, written as they appear between single spaces in the token stream.
_ID_MS_PHRASES: Final[dict[str, float]] = {
    " sama ada ": 2, " bola sepak ": 2, " sepak bola ": -2, " pilihan raya ": 2,
    " lapangan terbang ": 2, " rumah sakit ": -2, " lebih kurang ": 1, " kurang lebih ": -1,
    " ibu negara ": 1, " ibu kota ": -1, " tanggung jawab ": -2, " orang ramai ": 1,
    " amerika serikat ": -2, " amerika syarikat ": 2, " oleh karena itu ": -1,
    " tunjuk perasaan ": 2, " unjuk rasa ": -2, " kerja sama ": -1.5, " pihak berkuasa ": 2,
    " ibu bapa ": 2, " orang tua ": -1, " bahan api ": 2, " bahan bakar ": -1.5,
    " laman web ": 2, " situs web ": -2, " tanda tangan ": -1.5, " tahun hadapan ": 1,
    " tahun depan ": -1, " dalam talian ": 2, " alam sekitar ": 2,
}
# Suffix patterns of the spelling standards: Indonesian -itas (kualitas) vs Malay -iti (kualiti,
# listed above), Malay -syen (televisyen, komisyen) vs Indonesian -si.
_ID_MS_SUFFIXES: Final = (("itas", 7, -1.5), ("syen", 6, 2.0))
_ID_MS_ENDINGS: Final = ("nya", *(suffix for suffix, _, _ in _ID_MS_SUFFIXES))
# Indonesian capitalises the polite "Anda" inside a sentence; Malay writes "anda".
_ID_CAPITAL_ANDA_WEIGHT: Final = -1.5
_ID_MS_PHRASE_WORDS: Final = tuple(
    (phrase, frozenset(phrase.split()), weight) for phrase, weight in _ID_MS_PHRASES.items()
)
_TOKEN_RE: Final = re.compile(r"[a-z]{1,30}(?:-[a-z]{1,30}){0,2}")
# Tokenising is the costly part (~0.1 µs per token); 1200 characters hold ~150 tokens, which
# on an article is more lexical evidence than the decision needs.
_MAX_MARKER_CHARS: Final = 1200
# Each marker word counts at most this many times: one topic word repeated all article long
# ("kes", "polis") should not outweigh everything else.
_MARKER_REPEAT_CAP: Final = 3
# Scale of the models' own id/ms log-ratio relative to one ±1 lexical marker, and its clip:
# both models lean Indonesian on Malay text, so a few lexical markers must be able to outvote them.
_ID_MS_MODEL_SCALE: Final = 0.5
_ID_MS_MODEL_CLIP: Final = 3.0


def _id_ms_lexical_score(text: str) -> float:
    """Lexical log-odds for Malay (positive) over Indonesian (negative)."""
    # Set and Counter operations run in C; a Python loop over every token cost ~0.3 µs each.
    sample = text[:_MAX_MARKER_CHARS]
    low = sample.lower()
    tokens = _TOKEN_RE.findall(low)
    counts = Counter(tokens)
    cap = _MARKER_REPEAT_CAP
    score = 0.0
    for tok in counts.keys() & _ID_MS_MARKERS.keys():
        score += _ID_MS_MARKERS[tok] * min(counts[tok], cap)
    # "-nya" (his/her/its, the) attaches to any noun or verb: "ujarnya", "kerajaannya".
    for tok in [t for t in counts.keys() - _ID_MS_MARKERS.keys() if t.endswith(_ID_MS_ENDINGS)]:
        weight = _ID_MS_MARKERS.get(tok[:-3]) if tok.endswith("nya") else None
        if weight is None:
            weight = next((w for suffix, n, w in _ID_MS_SUFFIXES
                           if tok.endswith(suffix) and len(tok) >= n), None)
        if weight:
            score += weight * min(counts[tok], cap)
    # Sentence-initial "Anda" is capitalised in both standards.
    anda = sample.count(" Anda") - sum(sample.count(stop + " Anda") for stop in ".?!")
    score += _ID_CAPITAL_ANDA_WEIGHT * min(anda, cap)
    joined = ""
    for phrase, words, weight in _ID_MS_PHRASE_WORDS:
        if words <= counts.keys():
            joined = joined or " " + " ".join(tokens) + " "
            score += weight * min(joined.count(phrase), cap)
    return score


# --- helpers ------------------------------------------------------------------------------------
def _und(method: str, script: str = "Zyyy",
         alternatives: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"code": "und", "confidence": 0.0, "script": script, "method": method,
            "alternatives": alternatives or []}


def _clean(text: str) -> str:
    head = _CONTROL_RE.sub(" ", text[:_MAX_CLEAN_CHARS])
    # Substring tests are ~100x cheaper than the regex scan, and most articles have no URL.
    if "@" in head or "#" in head or "://" in head or "www." in head:
        head = _NOISE_RE.sub(" ", head)
    return head


def _script_profile(sample: str) -> dict[str, int]:
    """Letters per ISO 15924 script in ``sample`` ("Zzzz" collects letters of other scripts)."""
    rest = _NON_LETTERS_RE.sub("", sample)
    counts: dict[str, int] = {}
    for code, run_re in _SCRIPT_RUN_RE:
        if not rest:
            break
        shorter = run_re.sub("", rest)
        if len(shorter) != len(rest):
            counts[code] = len(rest) - len(shorter)
            rest = shorter
    if rest:
        counts["Zzzz"] = len(rest)
    return counts


def _cld2(sample: str) -> tuple[dict[str, float], bool]:
    """CLD2's language shares (0..1) and its own reliability flag; empty when it has no answer."""
    try:
        reliable, _, _, vectors = pycld2.detect(sample, isPlainText=True, returnVectors=True)
    except (pycld2.error, UnicodeError, ValueError):
        return {}, False
    # The per-chunk vectors, not the summary: when no chunk is recognised CLD2's summary falls back
    # to a "reliable" ENGLISH (seen on short Spanish, Swedish, Croatian sentences); the chunks then
    # say "un". Costs ~5 % more than the summary alone.
    total = 0
    by_code: dict[str, int] = {}
    for _offset, length, _name, label in vectors:
        total += length
        if label in ("un", "xxx") or label.startswith("xx-"):
            continue
        code = _normalise_code(label)
        if code == "nn":
            code = "nb"
        if code:
            by_code[code] = by_code.get(code, 0) + length
    if not total:
        return {}, False
    return {c: n / total for c, n in by_code.items()}, bool(reliable)


def _prefix(text: str, max_chars: int, max_bytes: int) -> str:
    """At most ``max_chars`` characters and ``max_bytes`` UTF-8 bytes of ``text``."""
    sample = text[:max_chars]
    data = sample.encode("utf-8")
    if len(data) > max_bytes:
        # Non-Latin scripts take 2-3 bytes a character and both models' cost is per byte.
        sample = data[:max_bytes].decode("utf-8", "ignore")
    return sample


def _langid(text: str) -> dict[str, float]:
    scores = _LID._decide(_prefix(text, _MAX_LID_CHARS, _MAX_LID_BYTES))
    order = scores.argsort()[::-1][:8]
    dist: dict[str, float] = {}
    for i in order.tolist():
        p = float(scores[i])
        if p < 1e-4:
            break
        code = _LID_CODES[i]
        dist[code] = dist.get(code, 0.0) + p
    return dist


def _combine(parts: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    total_w = sum(w for _, w in parts)
    out: dict[str, float] = {}
    for dist, w in parts:
        for code, p in dist.items():
            out[code] = out.get(code, 0.0) + p * w / total_w
    return out


def _dominant_script(profile: dict[str, int]) -> str:
    cjk = sum(n for s, n in profile.items() if s in _CJK)
    # Weight ideographs/syllables up: one carries about as much as a short Latin word.
    weighted = {s: (n * 3 if s in _CJK else n) for s, n in profile.items() if s not in _CJK}
    if cjk:
        weighted["CJK"] = cjk * 3
    best = max(weighted, key=weighted.__getitem__)
    if best != "CJK":
        return best
    kana = profile.get("Hira", 0) + profile.get("Kana", 0)
    if profile.get("Hang", 0) * 2 >= cjk:
        return "Kore"
    if kana >= _KANA_SHARE_FOR_JA * cjk:
        return "Jpan"
    return "Hani"


def _alternatives(dist: dict[str, float], chosen: str) -> list[dict[str, Any]]:
    ranked = sorted(((p, c) for c, p in dist.items() if c != chosen and c != "und"), reverse=True)
    return [{"code": c, "confidence": round(min(p, 1.0), 4)}
            for p, c in ranked[:_MAX_ALTERNATIVES] if p >= _MIN_ALTERNATIVE]


def _group_sh(dist: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Fold hr/sr/bs into one "sh" entry; also return the members' own shares."""
    members = {c: p for c, p in dist.items() if c in _SH_GROUP}
    if not members:
        return dist, {}
    folded = {c: p for c, p in dist.items() if c not in _SH_GROUP}
    folded["sh"] = sum(members.values())
    return folded, members


# --- public API ---------------------------------------------------------------------------------
def detect_language(text: str, hint: str | None = None) -> dict[str, Any]:
    """Return {"code": ISO 639-1 code or "und", "confidence": float in [0, 1], "script": ISO 15924
    code ("Latn", "Cyrl", "Arab", "Hani", "Jpan", ... or "Zyyy" if none), "method": short str naming
    what decided, "alternatives": [{"code": str, "confidence": float}, ...] (up to 3 runner-ups,
    may be empty)}; for Croatian/Serbian/Bosnian also "member": the most likely of "hr"/"sr"/"bs".
    """
    if not text or text.isspace():
        return _und("empty")
    clean = _clean(text)
    profile = _script_profile(clean[:_MAX_SCRIPT_CHARS])
    letters = sum(profile.values())
    if not letters:
        return _und("no-letters")
    script = _dominant_script(profile)

    # --- scripts that decide on their own
    if script in ("Jpan", "Hani", "Kore"):
        cjk = sum(n for s, n in profile.items() if s in _CJK)
        if cjk < _MIN_CJK_LETTERS:
            return _und("too-short", script)
        code = {"Jpan": "ja", "Hani": "zh", "Kore": "ko"}[script]
        # Han-only text is Chinese unless a Japanese headline happens to have no kana.
        conf = 0.9 if script == "Hani" else 0.99
        return {"code": code, "confidence": conf, "script": script, "method": "script",
                "alternatives": [{"code": "ja", "confidence": 0.1}] if script == "Hani" else []}
    if script in _SCRIPT_LANGUAGE:
        if letters < _MIN_CJK_LETTERS:
            return _und("too-short", script)
        return {"code": _SCRIPT_LANGUAGE[script], "confidence": 0.95, "script": script,
                "method": "script", "alternatives": []}
    if letters < _MIN_LETTERS:
        return _und("too-short", script)

    # --- statistical models
    cld_sample = _prefix(clean, _MAX_CLD_CHARS, _MAX_CLD_BYTES)
    cld, reliable = _cld2(cld_sample)
    cld_top = max(cld, key=cld.__getitem__) if cld else None
    coverage = sum(cld.values())
    if (cld_top and reliable and coverage >= _CLD_ALONE_COVERAGE
            and cld[cld_top] >= _CLD_ALONE_SHARE * coverage
            and len(cld_sample) >= _LONG_TEXT_CHARS and letters >= _LONG_TEXT_LETTERS):
        dist, method, lid = cld, "cld2", None
    else:
        lid = _langid(clean)
        if cld:
            w_cld = ((_W_CLD_RELIABLE if reliable else _W_CLD_UNRELIABLE)
                     * min(1.0, len(cld_sample) / _CLD_FULL_WEIGHT_CHARS))
            dist = _combine([(cld, w_cld), (lid, _W_LID)])
            method = "ensemble"
        else:
            dist, method = lid, "langid"
    hint_code = _normalise_code(hint)
    hint_member = hint_code if hint_code in _SH_GROUP else None
    if hint_member:
        hint_code = "sh"

    dist, members = _group_sh(dist)
    dist.pop("und", None)
    if not dist:
        return _und("no-evidence", script)
    best = max(dist, key=dist.__getitem__)

    # --- Norwegian: CLD2 has no reliable Bokmål/Nynorsk split (it is folded to "nb" in _cld2), so
    # py3langid alone divides the Norwegian mass between the two written standards.
    if best in _NORWEGIAN:
        if lid is None:
            lid = _langid(clean)
        mass = sum(dist.get(c, 0.0) for c in _NORWEGIAN)
        lid_nb, lid_nn = lid.get("nb", 0.0), lid.get("nn", 0.0)
        if lid_nb > 0:
            odds_nn = _NYNORSK_PRIOR_ODDS * lid_nn / lid_nb
            share_nn = odds_nn / (1.0 + odds_nn)
        else:
            share_nn = 1.0 if lid_nn > 0 else 0.0
        dist["nn"], dist["nb"] = mass * share_nn, mass * (1.0 - share_nn)
        best = "nn" if share_nn > 0.5 else "nb"

    # --- Indonesian vs Malay
    if best in ("id", "ms"):
        p_id, p_ms = dist.get("id", 0.0), dist.get("ms", 0.0)
        pair = p_id + p_ms
        model_logit = math.log((p_ms + 1e-3) / (p_id + 1e-3))
        model_logit = max(-_ID_MS_MODEL_CLIP, min(_ID_MS_MODEL_CLIP, model_logit))
        logit = _ID_MS_MODEL_SCALE * model_logit + _id_ms_lexical_score(cld_sample)
        method += "+id-ms"
        if hint_code in ("id", "ms") and abs(logit) < _ID_MS_HINT_LOGIT:
            best = hint_code
            method += "+hint"
        else:
            best = "ms" if logit > 0 else "id"
        # Clipped: a long article can pile up hundreds of markers and exp() would overflow.
        p_ms_new = pair / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        dist["ms"], dist["id"] = p_ms_new, pair - p_ms_new
    elif (hint_code and hint_code != best and hint_code in dist
          and dist[best] - dist[hint_code] <= _HINT_MARGIN):
        best = hint_code
        method += "+hint"

    confidence = min(1.0, dist[best])
    if confidence < _MIN_CONFIDENCE:
        return _und("low-confidence", script, _alternatives(dist, "und"))
    result: dict[str, Any] = {"code": best, "confidence": round(confidence, 4), "script": script,
                              "method": method, "alternatives": _alternatives(dist, best)}
    if best == "sh":
        member = "sr" if script == "Cyrl" else max(members, key=members.__getitem__)
        share = 1.0 if script == "Cyrl" else members[member] / dist["sh"]
        if (hint_member and hint_member != member and script != "Cyrl"
                and share - members.get(hint_member, 0.0) / dist["sh"] <= _HINT_MARGIN):
            member, share = hint_member, members.get(hint_member, 0.0) / dist["sh"]
            result["method"] = method + "+hint"
        if share >= _SH_MEMBER_SHARE:
            result["code"] = member
        result["member"] = member
    return result
