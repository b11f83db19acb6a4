"""Russian cue table (verbs listed in masculine, feminine and plural past forms)."""
from . import CueTable, phrases, words


def _past(*stems: str) -> frozenset[str]:
    """Past-tense forms agree with the speaker's gender and number: сказал/сказала/сказали."""
    return frozenset(form for stem in stems for form in (stem, stem + "а", stem + "и"))


TABLE = CueTable(
    language="ru",
    verbs=_past("сказал", "заявил", "отметил", "подчеркнул", "сообщил", "пояснил", "добавил",
                "признал", "написал", "уточнил", "предупредил", "рассказал", "заверил", "указал",
                "утверждал", "считал", "объяснил", "напомнил")
          | words("говорит говорят заявляет отмечает считает подчеркивает подчёркивает пишет сообщает"),
    complementisers=words("что"),
    according_to=phrases("по словам", "по мнению", "по данным", "как заявил", "как сообщил",
                         "как сообщила", "как отметил", "как отметила", "согласно"),
    object_verbs=_past("сказал", "сообщил", "рассказал", "заявил", "пояснил"),
    bare_complement=False,
    person_pronouns=words("он она я"),
    plural_pronouns=words("они мы"),
    person_roles=words("""
        президент министр губернатор мэр сенатор представитель пресс-секретарь секретарь директор
        глава руководитель аналитик эксперт блогер блогера адвокат судья прокурор командующий
        генерал лидер премьер посол депутат кандидат экономист профессор исследователь врач
        основатель военкор
    """),
    org_nouns=words("""
        компания министерство минобороны правительство армия полиция агентство комитет совет
        партия банк группа администрация суд комиссия организация кремль ведомство
    """),
    determiners=frozenset(),
    apposition_markers=words("который которая которые известный известная"),
    skip_words=words("также уже ранее позже затем еще ещё тогда"),
    coordinators=words("и но а"),
    subordinators=words("хотя пока если когда потому"),
    scare_markers=words("так называемый называемая называемые называемое прозванный"),
    title_markers=words("фильм книга роман песня альбом передача сериал спектакль"),
    name_particles=frozenset(),
)
