"""Indonesian cue table."""
from . import CueTable, phrases, words

TABLE = CueTable(
    language="id",
    verbs=words("""
        mengemukakan mengisahkan menceritakan bercerita berpesan menegaskannya
        mengatakan menyatakan menyebut menyebutkan mengeklaim mengklaim menegaskan menjelaskan
        mengungkapkan menuturkan mengaku mengakui menambahkan menilai memperingatkan mengingatkan
        menekankan membantah menyampaikan mengumumkan melaporkan menulis mencuit berkata berujar
        bilang menuding menuduh mengimbau meminta memastikan menerangkan memaparkan mengutarakan
        menandaskan mengimbuhkan menginformasikan mengonfirmasi membenarkan menampik menyangkal
        mengungkap menyebutkan mengingatkan
    """),
    post_verbs=words("""
        tanya seru sahut canda kelakar
        kata ujar tutur tulis jelas tegas imbuh tambah ucap sebut papar terang ungkap pungkas
        sambung lanjut tukas timpal kilah beber urai
    """),
    speaker_suffixes=("nya",),
    complementisers=words("bahwa bahawa"),
    according_to=words("menurut") | phrases("seperti dikatakan", "sebagaimana dikatakan"),
    object_verbs=words("mengatakan menyatakan menjelaskan menegaskan mengungkapkan menyampaikan berkata memberitahu"),
    bare_complement=True,
    bare_blockers=words("""
        kepada pada dalam di ke dari dengan tentang mengenai soal untuk oleh sebagai saat ketika usai
        setelah sebelum nama itu ini kemarin hari senin selasa rabu kamis jumat sabtu minggu pekan
        pagi siang sore malam
    """),
    person_pronouns=words("dia ia beliau dirinya aku saya"),
    # Indonesian pronouns have no gender; titles still tell it (for the record and other languages' rules)
    masculine_titles=words("bapak pak tuan"),
    feminine_titles=words("ibu bu nyonya"),
    relative_pronouns=words("yang"),
    plural_pronouns=words("mereka kami kita"),
    person_roles=words("""
        presiden wakil gubernur bupati wali wali-kota menteri perdana pejabat juru jubir blogger
        pengamat analis direktur ketua kepala komandan jenderal panglima kapolri kapolda kapolres
        duta dubes senator anggota pria wanita perempuan lelaki warga pemimpin pengacara dokter
        pakar ahli profesor peneliti jaksa hakim politikus politisi raja ratu sekretaris ekonom
        pelatih pemain aktivis sumber penjabat narasumber tokoh gubernur ceo
    """),
    prepositions=words("di ke dari pada kepada untuk dengan dalam oleh tentang soal usai setelah"),
    role_complement_names=True,
    # police and military ranks written before a name ('Inspektur Jenderal', 'Komisaris Besar')
    honorifics=words("""
        inspektur brigadir komisaris besar ajun kombes akbp akp iptu ipda irjen brigjen mayjen letjen
        laksamana marsekal kolonel letkol letnan kapten mayor jenderal pol
    """),
    spokesperson_roles=words("jubir juru"),
    org_nouns=words("""
        perusahaan kementerian militer pemerintah lembaga badan pihak kepolisian polisi tentara
        pasukan partai kantor kedutaan komisi dewan organisasi bank otoritas istana kejaksaan
        pengadilan parlemen perseroan emiten firma grup
    """),
    determiners=words("sang para si"),
    post_demonstratives=words("tersebut itu ini"),
    apposition_markers=words("seorang sang yang selaku sebagai salah"),
    skip_words=words("""
        juga pun sebelumnya kemudian lalu telah sudah pernah lagi justru bahkan sendiri sempat
        kembali langsung secara terpisah masih tetap
    """),
    coordinators=words("dan serta lalu kemudian namun tetapi"),
    subordinators=words("meskipun walaupun meski kendati sementara jika ketika saat karena"),
    scare_markers=words("disebut dijuluki bertajuk berjudul julukan istilah") | phrases("yang disebut", "apa yang disebut"),
    title_markers=words("film buku lagu album novel acara program judul berjudul bertajuk tajuk majalah harian"),
    clause_cutters=words("dilansir mengutip dikutip namun padahal") | phrases("seperti dilansir", "seperti dikutip"),
    name_particles=words("bin binti al van de"),
)
