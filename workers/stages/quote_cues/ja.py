"""Japanese cue table (no spaces: verbs are matched as literal stems after the quotative particle と)."""
from . import CueTable

TABLE = CueTable(
    language="ja",
    unspaced=True,
    unspaced_verbs=("述べ", "語っ", "語り", "話し", "説明し", "強調し", "明らかにし", "発表し", "指摘し",
                    "主張し", "述べる", "語る", "話す", "言っ", "言う", "記し", "書い", "訴え", "批判し",
                    "表明し", "答え", "コメントし",
                    "明かし", "発言し", "言及し", "明言し", "警告し", "呼びかけ", "否定し", "認め", "たたえ", "称え", "振り返っ", "話し"),
    unspaced_quote_particle="と",
    unspaced_topic_particles=("は", "が"),
    unspaced_according=(("", "によると"), ("", "によれば")),
    scare_markers=frozenset({"いわゆる"}),
    title_markers=frozenset({"映画", "小説", "書籍", "番組", "曲", "アルバム", "作品", "題"}),
    person_pronouns=frozenset({"彼", "彼女"}),
    masculine_pronouns=frozenset({"彼"}),
    feminine_pronouns=frozenset({"彼女"}),
    person_roles=frozenset({"首相", "大統領", "長官", "大臣", "知事", "市長", "報道官", "社長", "議員", "氏"}),
    org_nouns=frozenset({"政府", "省", "会社", "警察", "軍", "当局"}),
    unspaced_roles=(
        "農林水産相", "農水相", "農相", "外相", "財務相", "防衛相", "経済産業相", "経産相", "国土交通相",
        "国交相", "厚生労働相", "厚労相", "文部科学相", "文科相", "総務相", "法務相", "法相", "環境相",
        "経済再生相", "デジタル相", "官房長官", "首相", "大統領", "大臣", "長官", "知事", "市長", "町長",
        "村長", "区長", "社長", "副社長", "会長", "頭取", "理事長", "委員長", "議長", "総裁", "副総裁",
        "代表", "党首", "幹事長", "部長", "課長", "局長", "所長", "院長", "校長", "署長", "監督", "コーチ",
        "投手", "捕手", "内野手", "外野手", "選手", "主将", "議員", "教授", "准教授", "研究員", "医師",
        "弁護士", "容疑者", "被告", "報道官", "広報担当者", "担当者", "最高経営責任者", "CEO", "氏", "さん",
    ),
    # Names and titles are written in kanji and katakana: a description before them ends in
    # hiragana ('記者会見した山口隆之社長', 'チームを率いる森田健監督', 'ファイターズの佐藤翔太投手').
    unspaced_name_openers=tuple(chr(c) for c in range(0x3041, 0x3097)) + ("・",),
    unspaced_name_closers=("は", "が", "も"),
    unspaced_back_references=("同", "この", "その"),
)
