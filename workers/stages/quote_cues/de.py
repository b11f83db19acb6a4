"""German cue table (reported speech is marked by Konjunktiv I as often as by "dass")."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="de",
    verbs=words("""
        schilderte
        rief fragte fragt erzählte erzählt sagen erklären betonen warnen kritisieren berichten
        schreiben meinen ergänzten unterstrichen
        sagte sagten sagt erklärte erklärten erklärt betonte betonten betont meinte meint
        warnte warnt kritisierte kritisiert forderte fordert teilte berichtete berichtet schrieb
        schreibt räumte versicherte versichert bestätigte bestätigt behauptete behauptet
        gesagt erklärt betont mitgeteilt hinzugefügt
        ergänzte ergänzt unterstrich unterstreicht bekräftigte bekräftigt bestritt bestreitet
        warnten forderten kritisierten berichteten bestätigten schrieben meinten
        versicherten behaupteten gewarnt bestätigt berichtet geschrieben
    """) | phrases("teilte mit", "teilten mit", "teilt mit", "teilen mit", "gab an", "gaben an",
                   "gibt an", "geben an", "fügte hinzu", "fügten hinzu", "fügt hinzu", "räumte ein",
                   "räumten ein", "räumt ein", "kündigte an", "kündigten an", "kündigt an",
                   "sagte zu", "wies zurück", "stellte klar", "stellt klar",
                   "machte deutlich", "macht deutlich", "wies darauf hin"),
    # ', so der Minister': the German postposed attribution without a verb of saying
    post_verbs=words("so"),
    auxiliaries=words("hat haben hatte hatten"),
    complementisers=words("dass daß ob"),
    according_to=words("laut") | phrases("nach angaben", "nach angaben von", "nach ansicht von"),
    object_verbs=words("sagte sagt erklärte versicherte"),
    bare_complement=True,
    # Konjunktiv I (and the usual Konjunktiv II substitutes) marks reported speech without "dass";
    # forms identical to the indicative (haben, werden) are left out on purpose.
    bare_requires=words("""
        sei seien habe werde könne könnten müsse müssten wolle solle wäre wären hätte hätten
        würde würden dürfe gebe liege stehe gehe komme
    """),
    person_pronouns=words("er sie ich"),
    masculine_pronouns=words("er"),
    feminine_pronouns=words("sie"),
    masculine_titles=words("herr herrn kanzler sprecher präsident bürgermeister minister botschafter"),
    feminine_titles=words("frau kanzlerin sprecherin präsidentin bürgermeisterin ministerin botschafterin"),
    plural_pronouns=words("sie wir"),
    person_roles=words("""
        trainer trainerin spieler spielerin kapitän landrat landrätin polizeisprecher polizeisprecherin augenzeuge augenzeugin anwohner anwohnerin ministerpräsident ministerpräsidentin staatssekretär staatssekretärin
        präsident präsidentin minister ministerin gouverneur bürgermeister bürgermeisterin sprecher
        sprecherin sekretär direktor direktorin chef chefin analyst experte expertin blogger anwalt
        anwältin richter staatsanwalt kommandeur general kanzler kanzlerin botschafter abgeordnete
        abgeordneter kandidat ökonom professor professorin forscher arzt ärztin gründer vorsitzende
        vorsitzender
    """),
    role_suffixes=(
        "minister", "ministerin", "präsident", "präsidentin", "chef", "chefin", "sprecher", "sprecherin",
        "trainer", "trainerin", "leiter", "leiterin", "direktor", "direktorin", "vorsitzende",
        "vorsitzender", "kanzler", "kanzlerin", "meister", "meisterin", "sekretär", "sekretärin",
        "kommissar", "kommissarin", "beauftragte", "beauftragter", "ökonom", "ökonomin", "analyst",
        "analystin", "experte", "expertin", "senator", "senatorin", "anwalt", "anwältin", "kapitän",
    ),
    honorifics=words("dr prof herr frau"),
    prepositions=words("von vom für an am in im auf mit bei nach über aus zu zum zur gegenüber"),
    capitalised_nouns=True,
    spokesperson_roles=words("sprecher sprecherin"),
    org_nouns=words("""
        unternehmen firma konzern ministerium regierung militär armee polizei behörde agentur
        ausschuss rat partei bank gruppe verwaltung gericht kommission organisation kreml
    """),
    determiners=words("der die das den dem des ein eine einen einem einer sein seine ihr ihre"),
    apposition_markers=words("ein eine der die das den dem"),
    skip_words=words("auch bereits zudem außerdem dann später jedoch aber noch zuvor"),
    coordinators=words("und aber"),
    subordinators=words("obwohl während wenn als weil da"),
    scare_markers=words("sogenannte sogenannten sogenannter sogenanntes genannt genannte") | phrases("so genannte", "so genannten"),
    title_markers=words("film buch roman lied album sendung serie titel stück"),
    name_particles=words("von van de der zu"),
)
