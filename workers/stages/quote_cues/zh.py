"""Chinese cue table (no spaces: verbs are matched as literal strings)."""
from . import CueTable

TABLE = CueTable(
    language="zh",
    unspaced=True,
    unspaced_verbs=("表示", "指出", "强调", "強調", "透露", "宣布", "声称", "聲稱", "坦言", "认为", "認為",
                    "说道", "說道", "介绍", "介紹", "宣称", "宣稱", "回应", "回應", "直言", "补充", "補充",
                    "提到", "警告", "呼吁", "呼籲", "告诉", "告訴", "写道", "寫道", "称", "稱", "说", "說", "道"),
    unspaced_topic_particles=(),
    unspaced_according=(("据", "称"), ("據", "稱"), ("据", "报道"), ("據", "報導"), ("根据", "的说法")),
    scare_markers=frozenset({"所谓", "所謂", "号称", "號稱", "俗称", "俗稱"}),
    title_markers=frozenset({"电影", "電影", "小说", "小說", "歌曲", "专辑", "節目", "节目", "书", "書"}),
    person_pronouns=frozenset({"他", "她"}),
    masculine_pronouns=frozenset({"他"}),
    feminine_pronouns=frozenset({"她"}),
    person_roles=frozenset({"总统", "總統", "总理", "總理", "部长", "部長", "发言人", "發言人", "主席", "州长", "市长"}),
    org_nouns=frozenset({"政府", "外交部", "公司", "警方", "军方", "軍方", "当局", "當局"}),
)
