"""Real files from agencies and sites, ingested as a careful editor would expect.

The files are other people's, kept in ``../shared/wire-real/`` (origins in its
SOURCES.tsv): they are read where they are, never copied into the project, and
without the folder this module is skipped. Each file is ingested whole through
a wire; what it must give was decided by reading it: the story's headline, how
its text starts and ends, its paragraphs, its language, kicker, byline and
slugline, or the reason it is refused.
"""

from dataclasses import dataclass

import lxml.html
import pytest

from manchette.newsroom.models import ArticlePage
from manchette.wire.ingest import ingest
from manchette.wire.models import DispatchEntry, Receipt, WireSource
from manchette.wire.parsers import parse
from tests import factory

from .builders import REAL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL.is_dir(), reason="../shared/wire-real/ is not there"),
]


@dataclass(frozen=True)
class Story:
    """The first story a file gives, and how many it gives."""

    headline: str
    first: str = ""  # the first block starts so
    last: str = ""  # the last block ends so
    blocks: int | None = None  # exactly so many blocks (paragraphs, intertitles, quotes)
    at_least: int = 1  # or at least so many
    # None: the file names no language (the article is in the site's).
    language: str | None = None
    kicker: str = ""
    byline: str = ""
    slugline: str = ""
    standfirst: str = ""  # the standfirst starts so
    stories: int = 1
    refused: str = ""  # some stories of the file are refused, for this reason


@dataclass(frozen=True)
class Refused:
    reason: str


EXPECTED = {
    # --- ninjs ------------------------------------------------------------------------
    "ninjs14-ap-costa-concordia.json": Story(
        "Captain of wrecked cruise ship on trial in Italy",
        first="GROSSETO, Italy (AP) -- The trial of the captain",
        last="Schettino has denied wrongdoing.",
        blocks=4,
        byline="Paulo Santalucia and Frances d'Emilio",
    ),
    "ninjs14-businesswire.json": Story(
        "Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In",
        first="With more Applebee’s® Lunch Combos than ever",
        last="which sold out in weeks last summer.",
        blocks=1,
        language="en",
    ),
    "ninjs1-superdesk-reuters-oil.json": Story(
        "Oil prices edge up on first drop in US drilling in months",
        first="Oil prices edged up on Monday",
        last="(Reporting by Henning Gloystein; Editing by Richard Pullin)",
        blocks=9,
        byline="Henning Gloystein",
        slugline="GLOBAL-OIL",
    ),
    "ninjs1-superdesk-futurezone.json": Story(
        "China behauptet, einen Polizeihund geklont zu haben",
        first="Es kann ganz schön kostspielig sein",
        last="wie Gene unsere Intelligenz beeinflussen.",
        blocks=8,
        language="de",
        byline="futurezone/KN",
        slugline="china-behauptet-einen-polizeihund-geklont-zu-haben",
    ),
    "ninjs1-superdesk-embargoed-beer.json": Story(
        "Trouble is brewing for the future of beer",
        first="What does torched earth taste like?",
        last="Originally published under Creative Commons by 360info™.",
        blocks=18,
        language="en",
        byline="Aaron J. Staples, Michigan State University",
        slugline="Climate-smart food",
    ),
    "ninjs21-dpa-text.json": Story(
        "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
        first="Für Lucien Favre war es «der größte Skandal",
        last="Auslegung der Bestimmungen kommen.",
        blocks=9,
        language="de",
        byline="Christian Hollmann, dpa",
    ),
    # A short item: a headline and one sentence, as its description.
    "ninjs21-ntb-text.json": Story(
        "Google har kjøpt giganttomt i Skien",
        blocks=0,
        at_least=0,
        language="nb-NO",
        byline="NTB",
        slugline="skien-google",
        standfirst="IT-giganten Google har kjøpt en tomt",
    ),
    "ninjs21-tt-text-image.json": Story(
        "Militärövning i jätteformat hålls 2023",
        first="Pandemin satte stopp för den stora internationella militärövningen",
        last="vilka internationella partners som deltar.",
        blocks=4,
        language="sv",
        slugline="militärövning",
    ),
    "ninjs30-dpa-text.json": Story(
        "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?",
        first="Für Lucien Favre war es «der größte Skandal",
        blocks=9,
        language="de",
        byline="Christian Hollmann, dpa",
    ),
    "ninjs30-aap-anti-doping.json": Story(
        "Anti-doping measures at the 'Tour Down Under' will be the toughest ever",
        first="The Australian Sports Anti-Doping Authority (ASADA) today announced",
        last="Email: media@asada.gov.au",
        blocks=18,
        language="en",
        byline="Trond Husø, The Anti-Doping Database",
    ),
    "ninjs30-tt-text-image.json": Story(
        "Militärövning i jätteformat hålls 2023",
        first="Pandemin satte stopp",
        blocks=4,
        language="sv",
        slugline="militärövning",
    ),
    "bad-ninjs10-body-text-with-cr.json": Refused("Malformed JSON"),
    "bad-ninjs-headlines-not-array.json": Refused("ninjs 2.x schema violation at headlines"),
    # --- NewsML-G2 ----------------------------------------------------------------------
    "g2-iptc-listing22-sports-nitf.xml": Story(
        "Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05 p.m.",
        first="(Sports Network) - A pair of teams coming off big weekend sweeps",
        last="Garcia has gone 0-2 over his last six starts.",
        blocks=6,
        language="en-US",
        byline="The Sports Network",
        slugline="AAV!PREVIEW-ARI-PHI",
    ),
    "g2-ap-nutrisystem.xml": Story(
        "Nutrisystem beats 4Q earnings and revenue expectations",
        first="FORT WASHINGTON, Pa. (AP) _ Nutrisystem Inc. (NTRI) on Monday reported",
        last="Zacks stock report on NTRI at https://www.zacks.com/ap/NTRI",
        blocks=9,
        language="en",
        slugline="BC-US--Earns-Nutrisystem, 1st Ld-Writethru",
        stories=3,
    ),
    "g2-dpa-champions-league.xml": Story(
        "Eintracht in London: Hintereggers Tränen und Attacke auf Reporter",
        first="London (dpa) - 2019 gab es bittere Tränen in der Kurve",
        last="die Eintracht auch das Rückspiel und zog ins Endspiel ein.",
        blocks=3,
        language="de",
    ),
    "g2-dpa-scholz.xml": Story(
        "Opposition leader slams Scholz for not to solve country's problems",
        first="Berlin (dpa) - Germany's conservative opposition leader",
        last="which should actually be a European anchor of stability.",
        blocks=6,
        language="en",
    ),
    # ANSA declares its English service in Italian; the agency's tag is kept.
    "g2-ansa-catalan.xml": Story(
        "Catalan independence declaration unacceptable - Alfano",
        first="(ANSA) - Rome, October 11 - Italian Foreign Minister Angelino Alfano has said",
        last="but halted implementation to allow for negotiations.",
        blocks=4,
        language="it",
        byline="VRG",
    ),
    "g2-scoop-dick-smith.xml": Story(
        "Dick Smith receivers install Don Grover as acting CEO as Abboud quits; retailer put "
        "up for sale",
        first="Jan. 12 (BusinessDesk) - The receivers of Dick Smith Holdings",
        last="(BusinessDesk)",
        blocks=8,
        byline="Jonathan Underhill",
    ),
    "g2-stt-alcohol-act.xml": Story(
        "Parliament passed the Alcohol Act and the government gained confidence*** TRANSLATED ***",
        first="*** DISCLAIMER: THIS IS AN AUTOMATED TRANSLATION FROM FINNISH ***",
        last="Rinne sanoi tiedotteessaan heti äänestyksen jälkeen.",
        at_least=30,
        language="fi-FI",
    ),
    "g2-stt-vastaamo-long.xml": Story(
        "Vastaamoon kohdistunut tietomurto oli syyttäjien mukaan erityisen suunnitelmallinen – "
        "syytetylle vaaditaan seitsemän vuoden vankeutta",
        last="Sekä Tapio että syyttäjät ovat valittaneet käräjäoikeuden tuomiosta.",
        at_least=50,
        language="fi-FI",
        byline="Maria Rosvall, Jecaterina Mantsinen",
    ),
    "g2-stt-no-headline.xml": Refused("has no headline"),
    "g2-reuters-gold.xml": Story(
        "PRECIOUS-Gold rises as Trump policy fuels safe haven demand",
        first="(Adds comments, detail)",
        last="Editing by Joseph Radford and Richard Pullin)",
        at_least=12,
        language="en",
        slugline="GLOBAL-PRECIOUS/ (UPDATE 1)",
    ),
    "g2-reuters-flood-v978556838.xml": Story(
        "CORRECTED-S. Illinois battles flooding as Mississippi River builds downstream",
        first="(In Jan. 3 story, corrects last paragraph",
        last="Editing by Dan Grebler)",
        blocks=16,
        language="en",
        slugline="USA-WEATHER/ (UPDATE 1, PIX, CORRECTED)",
    ),
    "g2-reuters-flood-v1542761538-kill.xml": Story("", stories=0),
    "g2-reuters-assad-package.xml": Refused("only a package"),
    "g2-reuters-picture-kenya.xml": Refused("picture"),
    "g2-tt-no-namespace.xml": Story(
        'Jan Guillou skriver på ny "Hamilton"-bok',
        first="Jan Guillou arbetar just nu med det sista kapitlet",
        last="det kan komma fler böcker om pensionärsduon framöver.",
        blocks=5,
        language="sv",
        slugline="janguillou",
    ),
    "g2-iptc-listing17-planning.xml": Refused("planning item"),
    # --- NewsML 1.2 ----------------------------------------------------------------------
    "nml12-belga-mediawatch.xml": Story(
        "Mediawatch dinsdag 29/01/2019 - VTM Nieuws - 13 uur",
        first="Steven <b>Van Geel</b> gaf zich op 31 mei 2014",
        blocks=2,
        language="nl",
    ),
    "nml12-belga-schijnpoort.xml": Story(
        "Knooppunt Schijnpoort in Antwerpen hele zomervakantie afgesloten",
        first="Auto's, vrachtverkeer en het openbaar vervoer",
        last="Ook de kruispunten worden veiliger gemaakt.",
        blocks=2,
        language="nl",
        standfirst="In Antwerpen zal het kruispunt",
    ),
    "nml12-afp-belga-policiers.xml": Story(
        "France: deux ex-policiers aux frontières devant la justice pour trafic de cocaïne",
        first="Le procès de deux anciens fonctionnaires de la police aux frontières",
        last="Le verdict est attendu le 7 février.",
        blocks=9,
        language="fr",
        slugline="France-procès-assises-drogues-police",
    ),
    "nml12-anp-postnl.xml": Story(
        "FNV staat alleen met acties bij PostNL (2)",
        last="waarschuwen ze in een gezamenlijke brief aan hun leden.",
        blocks=5,
        language="nl-NL",
        slugline="Huub Giesbers (iwi)",
    ),
    "nml12-efe-leones.xml": Story(
        "Leones matan a un joven que se coló en un zoológico de la India",
        first="Nueva Delhi, 21 ene (EFE).- Una pareja de leones asiáticos",
        last="una población de unos 500 ejemplares. EFE",
        blocks=9,
        language="es-ES",
        slugline="INDIA SUCESOS",
    ),
    "nml12-ats-taureau.xml": Story(
        "Un taureau entre dans un magasin à Landquart (GR)",
        first="Un taureau âgé d'un an est entré dans un magasin Denner",
        last="Il a ensuite été transporté dans son enclos.",
        blocks=3,
        language="fr",
    ),
    "nml12-kyodo-li-peng.xml": Story(
        "Ex-Chinese Premier Li Peng dies aged 90: Xinhua",
        first="Former Chinese Premier Li Peng, who led a military crackdown",
        last="then Japanese Prime Minister Junichiro Koizumi.",
        blocks=6,
        language="en",
        slugline="Obit-Li Peng",
    ),
    "nml12-tass-sanctions.xml": Story(
        "Kremlin has 'negative reaction' to upcoming EU sanctions",
        first="MOSCOW, January 21. /TASS/. The Kremlin does not support",
        last='we have a negative reaction to such decisions," Peskov said.',
        blocks=3,
        language="en",
        slugline="URGENT",
    ),
    "nml12-afp-saab.xml": Story(
        "Sweden court accepts receivership for Saab carmaker",
        first="A Chinese-owned company set up to take over Saab's assets",
        last="targeted the Chinese market with a line of electric cars.",
        blocks=9,
        language="en",
        slugline="Sweden-SAAB",
    ),
    "nml12-ana-wage.xml": Story(
        "Wage employment balance positive in Jan-March",
        first="Wage employment in the private sector grew in March",
        last="the balance was positive by 33,638 job positions.",
        blocks=3,
        language="en",
    ),
    "nml12-afp-israel-hamas.xml": Story(
        "Israel strikes key Hamas targets as UN Security Council to meet",
        first="Israel's army said Sunday it had bombed the home of the political leader",
        last="where police used water cannon against them.",
        at_least=40,
        language="en",
        slugline="Israel-Palestinians-conflict",
    ),
    "nml12-businesswire-cambrios-zh.xml": Story(
        "Cambrios被Gartner評選為「最酷供應商」",
        first="(美國商業資訊)--為透明及軟性導體市場提供銀奈米線解決方案的領導廠商",
        last="原文版本乃唯一具法律效力之版本。",
        blocks=13,
        language="zh",
        slugline="CA-CAMBRIOS-TECHNOLOGIES",
    ),
    "bad-nml12-afp-utf8-declared-latin1.xml": Refused("UTF-8 read as Latin-1"),
    "nitf-ap-pollution.xml": Story(
        "Can trading pollution like stocks help fight climate change?",
        first="NEW YORK (AP) — The gas produced by hog manure",
        last="http://www.bigstory.ap.org/content/bernard-condon .",
        blocks=27,
        byline="Bernard Condon",
    ),
    # --- feeds -------------------------------------------------------------------------
    "rss20-guardian.rss": Story(
        "Trump State of the Union address promised unity but emphasized discord",
        first="The president’s ‘new American moment’ speech stirred Republican applause",
        last="Fact check: Donald Trump's State of the Union address analyzed",
        blocks=3,
        language="en-GB",
        byline="David Smith in Washington",
        stories=55,
    ),
    # Four entries of this feed are videos with a title and no text at all.
    "rss20-jn-iso8859.rss": Story(
        "Mãe de utente é a nova presidente da Raríssimas",
        first="Sónia Laygue, profissional na área da Recursos Humanos",
        blocks=1,
        language="pt-PT",
        stories=36,
        refused="has no text",
    ),
    "rss20-medium-content-encoded.rss": Story(
        "THE CREATIVE FORAGER",
        first="Using Wild Ingredients in the Kitchen",
        last="Get your copy, and cook some wild foods today!",
        at_least=15,
        byline="Jeremy Puma",
        stories=7,
    ),
    "rss10-feedparser-example.rdf": Story(
        "First of all",
        first="Ian Hickson: Americans are fat.",
        blocks=1,
        language="en",
        byline="Aaron Swartz",
    ),
    "atom-heise.atom": Story(
        "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei",
        first="Die nun verfügbare Version 10 des Enterprise-Java-Servers",
        blocks=1,
        stories=15,
    ),
    "atom-wenn.xml": Story(
        "Suge Knight involved in fatal hit and run incident",
        first="This is body content1.",
        blocks=1,
        language="en",
        stories=2,
    ),
    "atom10-feedparser-example.xml": Story(
        "First entry title",
        first="Watch out for nasty tricks",
        blocks=1,
        language="en",
        byline="Mark Pilgrim",
    ),
    "bad-rss-uol-latin1-undeclared.rss": Refused("do not match the declared encoding"),
    "bad-rss-corrupted-ampersands.xml": Refused("Malformed XML"),
    # --- saved pages ---------------------------------------------------------------------
    "html-zeit-zugverkehr.html": Story(
        "Zugverkehr: Im ICE von Frankfurt nach Barcelona",
        first="36 Stunden. So lange dauert die schnellste Zugverbindung",
        last="die Fahrt von Spanien nach Deutschland kaum beschleunigt.",
        at_least=8,
        language="de",
        byline="Caspar Schwietering",
    ),
    "html-spiegel-albtraum.html": Story(
        "Ein Albtraum",
        first="Der Reporter Claas Relotius hat den SPIEGEL",
        at_least=40,
        language="de",
    ),
    "html-franceculture-idees.html": Story(
        "Prendre la parole",
        first="Serions-nous entrés dans l’ère",
        at_least=12,
        language="fr",
    ),
    "html-lanouvellerepublique-martin.html": Refused("template"),
    "html-heise-lithium.html": Story(
        "Lithium aus dem Schredder",
        first="Die Ökobilanz von Elektroautos",
        at_least=6,
        language="de",
    ),
    "html-theverge-ios13.html": Story(
        "iOS 13 will fix the FaceTime eye contact problem",
        first="iOS 13’s third developer beta includes a new feature",
        last="Added ARKit explanation and tweet.",
        blocks=6,
        byline="Jon Porter",
    ),
    "html-sueddeutsche-flixtrain.html": Story(
        "Deutschlandtakt: Flixbus attackiert Deutsche Bahn",
        first="Bahn-Konkurrenten wie Flixbus fürchten",
        blocks=9,
        language="de",
    ),
    "html-vancouversun-microsoft.html": Story(
        "Microsoft moves to erase its carbon footprint from the atmosphere in climate push",
        first="Microsoft Corp said on Thursday it aims to remove more carbon",
        last="capture and storage and direct air capture,” Microsoft said.",
        at_least=20,
        language="en",
    ),
}


def real_files():
    if not REAL.is_dir():
        return []
    return sorted(p.name for p in REAL.iterdir() if p.name not in ("README.md", "SOURCES.tsv"))


@pytest.fixture
def wire():
    """One wire for every file: routing is not what these files test."""
    return WireSource.objects.create(
        name="Agencies",
        slug="agencies",
        source=factory.source("Agencies"),
        default_section=factory.section("Monde"),
    )


def block_text(block):
    value = block["value"]
    if block["type"] == "quote":
        return value["quote"]
    if block["type"] == "paragraph":
        # As readers see it: markup written as text ("<b>" in Belga's test) stays text.
        return " ".join(lxml.html.fragment_fromstring(value).text_content().split())
    return value


def letters(text):
    return "".join(character for character in text if character.isalnum()).casefold()


def test_every_real_file_has_its_expectation():
    assert set(real_files()) == set(EXPECTED)


@pytest.mark.parametrize("name", real_files())
def test_real_file(name, wire):
    expected = EXPECTED[name]
    receipt = ingest(read(name), transport="cli", origin=name, wire_source=wire)
    articles = list(ArticlePage.objects.filter(external_source=wire.slug).order_by("pk"))
    if isinstance(expected, Refused):
        assert receipt.status == Receipt.Status.QUARANTINED
        assert expected.reason in receipt.reason
        assert not articles
        return
    entries = DispatchEntry.objects.filter(receipt=receipt)
    refused = [e.reason for e in entries if e.outcome == DispatchEntry.Outcome.QUARANTINED]
    assert len(articles) == expected.stories, refused
    if expected.refused:
        assert refused and all(expected.refused in reason for reason in refused)
    else:
        assert not refused and receipt.status == Receipt.Status.PROCESSED
    if not articles:
        return
    article = articles[0]
    blocks = [block_text(block) for block in article.body.raw_data]
    assert article.title == expected.headline
    assert article.language == (expected.language or "fr")
    assert (article.kicker, article.byline, article.slugline) == (
        expected.kicker,
        expected.byline,
        expected.slugline,
    )
    assert article.standfirst.startswith(expected.standfirst)
    if expected.blocks is not None:
        assert len(blocks) == expected.blocks, blocks
    assert len(blocks) >= expected.at_least, blocks
    if expected.first:
        assert blocks[0].startswith(expected.first), blocks[0]
    if expected.last:
        assert blocks[-1].endswith(expected.last), blocks[-1]
    # The standfirst is not the text's start again.
    if article.standfirst and blocks:
        assert not letters(blocks[0]).startswith(letters(article.standfirst))
    # No markup, header or document title shown as text.
    for text in blocks:
        assert not text.startswith(("<?xml", "<nitf", "<html", "&lt;"))
        assert text != article.title


def read(name):
    return (REAL / name).read_bytes()


def test_a_killed_version_withdraws_the_story(wire):
    ingest(read("g2-reuters-flood-v978556838.xml"), transport="cli", wire_source=wire)
    article = ArticlePage.objects.get(external_source=wire.slug)
    assert article.live
    ingest(read("g2-reuters-flood-v1542761538-kill.xml"), transport="cli", wire_source=wire)
    article.refresh_from_db()
    assert not article.live and article.withdrawn_at


@pytest.mark.parametrize("name", ["ninjs21-tt-text-image.json", "ninjs30-tt-text-image.json"])
def test_a_picture_keeps_its_credit_apart_from_its_caption(name):
    (story,) = parse(read(name))
    (picture,) = story.pictures
    assert picture.caption.startswith("En stor internationell försvarsövning")
    assert picture.credit == "Karl Melander/TT" and "Melander" not in picture.caption
    assert "Melander" not in story.body_html
