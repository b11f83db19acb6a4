"""Japanese cue table (no spaces: verbs are matched as literal stems after the quotative particle と)."""
from . import CueTable

TABLE = CueTable(
    language="ja",
    unspaced=True,
    unspaced_verbs=("述べ", "語っ", "語り", "話し", "説明し", "強調し", "明らかにし", "発表し", "指摘し",
                    "主張し", "述べる", "語る", "話す", "言っ", "言う", "記し", "書い", "訴え", "批判し",
                    "表明し", "答え", "コメントし",
                    "明かし", "発言し", "言及し", "明言し", "警告し", "呼びかけ", "否定し", "認め"),
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
)
