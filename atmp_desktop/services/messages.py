"""Refusals in the reader's language: Swedish templates for the service layer's and the store's refusals.

A refusal keeps its English one-line ``str()`` (the command line, the logs and
the tests read it); when it was raised with a ``key`` and ``params`` it can
also be rendered in Swedish by :func:`refusal_message`. Keys without a
Swedish template, and refusals raised without a key, fall back to the
English text. The pattern follows :mod:`atmp_desktop.domain.messages`.

Parameters are rendered in the reader's language where they name something:

``action``
    a :class:`Phrase` (what the user tried: "move the planned apheresis").
``event``
    an event label (``infusion#2``), in its definite form in Swedish.
``role`` / ``roles``
    a role, or the roles that may do something ("only a coordinator may").
``kind``
    a checklist kind (``pre-infusion``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from atmp_desktop.domain.messages import STAGE_NAMES, event_name

#: Role names as a refusal names them.
ROLE_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {"coordinator": "coordinator", "pharmacist": "pharmacist", "nurse": "nurse",
           "administrator": "administrator"},
    "sv": {"coordinator": "koordinator", "pharmacist": "farmaceut", "nurse": "sjuksköterska",
           "administrator": "administratör"},
}

_ROLE_ARTICLE = {
    "en": {"coordinator": "a coordinator", "pharmacist": "a pharmacist", "nurse": "a nurse",
           "administrator": "an administrator"},
    "sv": {"coordinator": "en koordinator", "pharmacist": "en farmaceut", "nurse": "en sjuksköterska",
           "administrator": "en administratör"},
}

_OR = {"en": "or", "sv": "eller"}
_NOBODY = {"en": "nobody", "sv": "ingen"}

#: Event names in the definite form ("flytta den planerade tiden för aferesen").
EVENT_DEFINITE: Mapping[str, str] = {
    "apheresis": "aferesen",
    "manufacturing": "tillverkningen",
    "product_shipment": "produkttransporten",
    "product_receipt": "produktmottagningen",
    "storage": "förvaringen",
    "lymphodepletion": "lymfodepletionen",
    "thaw": "upptiningen",
    "infusion": "infusionen",
    "monitoring": "övervakningen",
    "follow_up": "uppföljningen",
}

CHECKLIST_NAMES: Mapping[str, str] = {
    "pre-apheresis": "före aferes",
    "product-receipt": "produktmottagning",
    "pre-lymphodepletion": "före lymfodepletion",
    "pre-infusion": "före infusion",
    "monitoring": "övervakning",
    "discharge": "utskrivning",
}

#: Fields of a pathway a planner changes ("change the pathway's ld regimen").
PATHWAY_FIELDS: Mapping[str, str] = {
    "product": "produkt",
    "indication": "indikation",
    "region": "region",
    "timezone": "tidszon",
    "ld_regimen": "lymfodepletionsregim",
}

#: Fields of a patient ("change a patient's family_name, given_name").
PATIENT_FIELDS: Mapping[str, str] = {
    "identifier": "personnummer",
    "given_name": "förnamn",
    "family_name": "efternamn",
    "birth_date": "födelsedatum",
    "sex": "kön",
    "weight_kg": "vikt (kg)",
    "height_cm": "längd (cm)",
    "referring_site": "remitterande enhet",
    "treating_site": "behandlande enhet",
}

#: Swedish templates by key. ``{...}`` are parameters (see the module's docstring).
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "sv": {
        # -- permissions -------------------------------------------------------------------------
        "permission.denied": "{username} ({role}) får inte {action}: bara {roles} får göra det; inget har ändrats",
        "permission.sign_for_other": "{username} kan inte signera för {user}: var och en signerar själv",
        # what the user tried (Phrase keys)
        "action.create_pathway": "skapa ett vårdförlopp",
        "action.change_pathway": "ändra ett vårdförlopp",
        "action.cancel_pathway": "avbryta ett vårdförlopp",
        "action.import_pathway": "importera ett vårdförlopp",
        "action.change_pathway_field": "ändra vårdförloppets {field}",
        "action.move_pathway": "flytta vårdförloppet till en annan enhet eller patient",
        "action.change_stage": "ändra fasen till ”{stage}”",
        "action.change_pathway_note": "ändra vårdförloppets anteckning",
        "action.clear_expiry": "ta bort produktens utgångsdatum inför en ny produkt",
        "action.record_expiry": "registrera produktens utgångsdatum",
        "action.record_coi": "registrera COI-numret (identitetskedjan)",
        "action.record_tocilizumab": "registrera antalet tocilizumabdoser som finns tillgängliga",
        "action.add_event": "lägga till händelsen {event_name}",
        "action.remove_event": "ta bort händelsen {event_name}",
        "action.move_planned": "flytta den planerade tiden för {event}",
        "action.record_actual": "registrera den faktiska tiden för {event}",
        "action.record_hold": "registrera transportbehållarens hålltid eller förvaringstemperaturerna för {event}",
        "action.change_event_note": "ändra anteckningen för {event}",
        "action.sign_off_checklist": "signera checklistan ”{kind}”",
        "action.confirm_checklist": "bekräfta checklistan ”{kind}”",
        "action.register_document_patient": "registrera dokumentets patient",
        "action.register_patient": "registrera en patient",
        "action.change_patient": "ändra en patient",
        "action.change_patient_fields": "ändra patientens {fields}",
        "action.add_user": "lägga till en användare",
        "action.change_user": "ändra en användare",
        "action.change_other_password": "byta lösenord för en annan användare",
        "action.apply_replan": "tillämpa ett omplaneringsförslag",
        "action.change_resources": "ändra resurser eller kapacitet",
        "action.remove_resource": "ta bort en resurs",
        "action.change_profile": "ändra en produktprofil",
        "action.define_profile": "lägga till eller godkänna en lokal produktprofil",
        "action.change_site": "ändra en enhet",
        "action.restore_backup": "återställa en säkerhetskopia",
        "action.change_password": "byta lösenord",
        # -- signing in ------------------------------------------------------------------------------
        "auth.sign_in_to": "logga in för att {action}",
        "auth.wrong_password": "okänd användare eller fel lösenord; inget har ändrats",
        "auth.wrong_password_restore": "okänd användare eller fel lösenord; inget har återställts",
        "auth.old_password_wrong": "det gamla lösenordet är fel; inget har ändrats",
        "auth.password_too_short": "ett lösenord måste ha minst {length} tecken",
        "auth.second_person_wrong": "den andra personens användarnamn eller lösenord är fel; inget har signerats",
        # -- pathways ---------------------------------------------------------------------------------
        "pathway.cancel_needs_reason": "ett vårdförlopp kan bara avbrytas med en angiven orsak",
        "pathway.cd34_not_apheresis": "CD34+-celler registreras för en aferes, inte för {event}",
        "pathway.cd34_invalid": "CD34+-celler per kg kan inte vara {value}",
        "pathway.is_new": "det här vårdförloppet är nytt: skapa det i stället för att spara det",
        "pathway.not_found": "det finns inget vårdförlopp {pathway_id}",
        "pathway.not_stored": "det här vårdförloppet har inte sparats än",
        "pathway.no_event": "vårdförloppet har ingen händelse {event_name}; det har: {known}",
        "pathway.cannot_save": "vårdförloppet kan inte sparas: {detail}",
        "checklist.cancelled": "vårdförlopp {pathway_id} är avbrutet; dess checklistor kan inte signeras",
        "identity.refused": "{sv}",  # issue 14: the chain-of-identity refusal renders itself
        "checklist.needs_second": "checklistan ”{kind}” måste bekräftas av en andra person",
        "checklist.second_is_self": "den andra personen måste vara någon annan",
        # -- local product profiles (issue 13) ------------------------------------------------------
        "profile.invalid": "profilen är inte giltig: {detail}",
        "profile.needs_reason": "en ny version av en lokal profil måste ha en orsak",
        "profile.already_approved": "{product} version {version} är redan godkänd (av {by})",
        "profile.same_person": "{product} version {version} skrevs av {by}; en andra person måste godkänna den "
                               "(tvåpersonskontroll)",
        "checklist.unknown": "okänd checklista {kind_raw!r}; kända: {known}",
        "replan.needs_reason": "ett omplaneringsförslag kan bara tillämpas med en angiven orsak (den sparas i loggen)",
        "replan.cancelled": "vårdförlopp {pathway_id} är avbrutet; det finns inget att planera om",
        "replan.refused": "förslaget kan inte tillämpas: {message_sv}",
        # -- patients -----------------------------------------------------------------------------------
        "patient.not_found": "det finns ingen patient {patient_id}",
        "patient.not_registered": "den här patienten har inte registrerats än",
        "patient.needs_names": "en patient måste ha förnamn och efternamn",
        "patient.needs_birth_date": "en patient utan svenskt personnummer behöver ett födelsedatum (för reservnumret)",
        "patient.birth_date_mismatch": "födelsedatumet {birth_date} stämmer inte med {identifier} ({id_birth_date})",
        "patient.unknown_site": "okänd behandlande enhet {site!r}",
        "patient.not_a_number": "{field}: {value!r} är inte ett tal",
        "patient.out_of_range": "{field}: {value} ligger utanför {lo}–{hi}",
        "patient.duplicate": "en patient med {identifier} är redan registrerad (patient {patient_id}, {name}); "
                             "inget har sparats",
        "patient.duplicate_identifier": "{identifier} förekommer två gånger",
        "patient.identifier_taken": "en annan patient har redan {identifier}; inget har sparats",
        "identifier": "{identifier_sv}",
        # -- users and sites -------------------------------------------------------------------------
        "user.not_found": "det finns ingen användare som heter {username!r}",
        "user.exists": "det finns redan en användare som heter {username!r}",
        "user.one_word": "ett användarnamn är ett ord, utan mellanslag",
        "site.unknown": "okänd enhet {site!r}",
        # -- conflicts ---------------------------------------------------------------------------------
        "conflict": "{what_sv} {row} ändrades av {by} {when} efter att du öppnade {it} "
                    "(nu version {version}); dina ändringar sparades inte och finns kvar framför dig: "
                    "ladda om, gör ändringarna igen och spara",
        # -- the store ---------------------------------------------------------------------------------
        "store.locked": "{where} är låst av ett annat program eller fönster som skriver i den; inget har ändrats. "
                        "Försök igen om en stund",
        "store.disk_full": "disken där {where} ligger är full; inget har sparats. Frigör utrymme och försök igen",
        "store.read_only": "{where} är skrivskyddad; inget har ändrats",
        "store.opened_read_only": "{where} öppnades skrivskyddad; inget har ändrats",
        "store.not_sqlite": "{where} är inte en SQLite-databas",
        "store.corrupt": "{where} är skadad ({detail}); inget har ändrats. "
                         "Återställ en säkerhetskopia med 'atmp-desktop restore'",
        "store.cannot_open": "kan inte öppna {where} ({detail})",
        "store.unreachable": "databasservern för {where} svarar inte ({detail}); inget har öppnats eller ändrats. "
                             "Kontrollera nätverket, eller fråga IT om servern är igång",
        "store.auth_failed": "{where} godtog inte användarnamnet eller lösenordet; inget har öppnats. "
                             "Kontrollera användare och lösenord",
        "store.connection_lost": "anslutningen till {where} bröts ({detail}); det som inte hunnit sparas har inte "
                                 "sparats. Öppna databasen igen och kontrollera din senaste ändring",
        "store.newer_schema": "{where} har skrivits av en nyare version av programmet; den har inte ändrats. "
                              "Uppdatera programmet",
        "store.foreign": "{where} innehåller ett annat programs tabeller; den har inte ändrats",
        "backup.on_server": "{where} är en gemensam databas på en PostgreSQL-server: säkerhetskopior tas på "
                            "servern (pg_dump); inget har skrivits",
        "site.out_of_scope": "du har inte behörighet för {site}; bara {sites}",
    },
}

_DATABASE = {"en": "the database", "sv": "databasen"}
_CONFLICT_WHAT = {"pathway": ("vårdförlopp", "det"), "patient": ("patient", "den")}


class Phrase(str):
    """English text (the ``str`` itself) that also knows how to say itself in another language.

    Used for the "what" of a permission refusal, so that code comparing or
    formatting it as a string sees exactly the English text it always did.
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, text: str, key: str, **params: Any) -> "Phrase":
        obj = super().__new__(cls, text)
        obj.key = key
        obj.params = params
        return obj

    def message(self, lang: str = "en") -> str:
        return render(self.key, self.params, lang, fallback=str(self))


def event_definite(label: str, lang: str) -> str:
    """``apheresis`` → ``aferesen``; a numbered label stays indefinite (``infusion 2``)."""
    kind, _, n = str(label).partition("#")
    if lang == "sv" and not n and kind in EVENT_DEFINITE:
        return EVENT_DEFINITE[kind]
    return event_name(label, lang)


def who_may_text(roles: Any, lang: str) -> str:
    """("coordinator", "nurse") → "a coordinator or a nurse" / "en koordinator eller en sjuksköterska"."""
    names = _ROLE_ARTICLE.get(lang, _ROLE_ARTICLE["en"])
    return f" {_OR.get(lang, 'or')} ".join(names.get(r, r) for r in roles) or _NOBODY.get(lang, "nobody")


# English IdentifierError texts (atmp_desktop.domain.identifiers) and their Swedish form; compiled on
# first use (see _compiled): the start-up imports this module but seldom needs them.
_IDENTIFIER_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^(?P<t>.+) is not a personnummer: write YYYYMMDD-NNNN \(or YYMMDD-NNNN\)$",
     "{t} är inte ett personnummer: skriv ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN)"),
    (r"^(?P<t>.+) is not a personnummer$", "{t} är inte ett personnummer"),
    (r"^(?P<t>.+) is not a valid personnummer: the check digit is wrong$",
     "{t} är inte ett giltigt personnummer: kontrollsiffran är fel"),
    (r"^(?P<t>.+) is not a valid (?P<k>personnummer|samordningsnummer): (?P<d>\d+) is not a real date$",
     "{t} är inte ett giltigt {k}: {d} är inte ett verkligt datum"),
    (r"^(?P<t>.+) is not a valid personnummer \((?P<d>.*)\)$", "{t} är inte ett giltigt personnummer ({d})"),
    (r"^(?P<t>.+): the birth date (?P<d>[\d-]+) is in the future$", "{t}: födelsedatumet {d} ligger i framtiden"),
    (r"^(?P<t>.+) is not a reserve id \(R \+ YYYYMMDD \+ 4 digits\)$",
     "{t} är inte ett reservnummer (R + ÅÅÅÅMMDD + 4 siffror)"),
    (r"^(?P<t>.+) is not a valid reserve id: the check digit is wrong$",
     "{t} är inte ett giltigt reservnummer: kontrollsiffran är fel"),
    (r"^(?P<t>.+) is not a valid reserve id: (?P<d>\d+) is not a real date$",
     "{t} är inte ett giltigt reservnummer: {d} är inte ett verkligt datum"),
    (r"^(?P<t>.+) is not an ISBT 128 DIN: 13 letters or digits expected$",
     "{t} är inte ett ISBT 128-DIN: 13 bokstäver eller siffror väntades"),
    (r"^(?P<t>.+) is not an ISBT 128 DIN with its check character \(14 characters\)$",
     "{t} är inte ett ISBT 128-DIN med kontrolltecken (14 tecken)"),
    (r"^(?P<t>.+): the DIN check character is wrong$", "{t}: DIN-numrets kontrolltecken är fel"),
)


# English TimeError texts (atmp_desktop.domain.timeutil) and their Swedish form. ``w`` is what was typed
# (a label the caller passes, already in the UI language), ``t`` the text or local time, ``z`` the zone.
_TIME_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^(?P<w>.+): (?P<t>.+) does not exist in (?P<z>\S+) \(clocks go forward at that hour\)$",
     "{w}: {t} finns inte i {z} (klockan ställs fram den timmen)"),
    (r"^(?P<w>.+): (?P<t>.+) happens twice in (?P<z>\S+) \(clocks go back at that hour\); "
     r"write it with its offset, (?P<a>\S+) or (?P<b>\S+)$",
     "{w}: {t} inträffar två gånger i {z} (klockan ställs tillbaka den timmen); skriv den med sin "
     "UTC-förskjutning, {a} eller {b}"),
    (r"^(?P<w>.+): (?P<t>.+) is not a date \(YYYY-MM-DD\) or time \(YYYY-MM-DDTHH:MM\)$",
     "{w}: {t} är inte ett datum (ÅÅÅÅ-MM-DD) eller en tid (ÅÅÅÅ-MM-DDTHH:MM)"),
    (r"^(?P<w>.+): (?P<t>.+) is not a date of the form YYYY-MM-DD$", "{w}: {t} är inte ett datum på formen ÅÅÅÅ-MM-DD"),
    (r"^(?P<w>.+): (?P<t>.+) is not a real calendar date$", "{w}: {t} är inte ett verkligt datum"),
    (r"^(?P<w>.+): (?P<t>.+) is not a real time of day$", "{w}: {t} är inte ett verkligt klockslag"),
    (r"^(?P<w>.+): (?P<t>.+) has an impossible offset$", "{w}: {t} har en omöjlig UTC-förskjutning"),
    (r"^(?P<w>.+): (?P<t>.+) is outside the years (?P<a>\d+)-(?P<b>\d+)(?: in \S+)?$",
     "{w}: {t} ligger utanför åren {a}–{b}"),
)


#: What the local-profile validator (:mod:`atmp_desktop.domain.local_profiles`) says most often, in Swedish;
#: a detail with no pattern here stays in English (it names the file's own fields).
_PROFILE_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^not valid JSON: (?P<m>.+) at line (?P<l>\d+) column (?P<c>\d+)$",
     "inte giltig JSON: {m} på rad {l} kolumn {c}"),
    (r"^(?P<w>.+): the minimum \((?P<a>\d+) days\) is greater than the maximum \((?P<b>\d+) days\)$",
     "{w}: minimum ({a} dagar) är större än maximum ({b} dagar)"),
    (r"^(?P<w>.+): unknown event kind '(?P<k>[^']*)'; known: (?P<known>.+)$",
     "{w}: okänd händelsetyp '{k}'; kända: {known}"),
    (r"^(?P<w>.+): a thaw limit of (?P<n>-?\d+) minutes leaves no time to infuse; give the protocol's limit, "
     r"or no value \(not_found\)$",
     "{w}: en upptiningsgräns på {n} minuter lämnar ingen tid för infusion; ange protokollets gräns, "
     "eller inget värde (not_found)"),
    (r"^(?P<w>.+): the value has no source \(name the protocol section it comes from\)$",
     "{w}: värdet saknar källa (ange protokollavsnittet det kommer från)"),
    (r"^(?P<w>.+): source '(?P<k>[^']*)' is not defined in 'sources'$",
     "{w}: källan '{k}' finns inte i 'sources'"),
    (r"^'(?P<p>[^']*)' is a shipped catalogue product; change it with a local override instead$",
     "'{p}' är en produkt i den levererade katalogen; ändra den med en lokal ändring i stället"),
)


@lru_cache(maxsize=None)
def _compiled(texts: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The (pattern, Swedish template) pairs of *texts*, compiled on first use."""
    return tuple((re.compile(p), s) for p, s in texts)


def _by_pattern(english: str, lang: str, texts: tuple[tuple[str, str], ...]) -> str | None:
    """*english* in *lang* by the first pattern of *texts* it matches (None: no pattern matches)."""
    if lang == "en":
        return english
    for pattern, template in _compiled(texts):
        m = pattern.match(english)
        if m:
            return template.format(**m.groupdict())
    return None


def time_text(english: str, lang: str) -> str | None:
    """A time refusal from :mod:`atmp_desktop.domain.timeutil` in *lang* (None: not known)."""
    return _by_pattern(english, lang, _TIME_TEXTS)


def identifier_text(english: str, lang: str) -> str | None:
    """An identifier refusal from :mod:`atmp_desktop.domain.identifiers` in *lang* (None: not known)."""
    return _by_pattern(english, lang, _IDENTIFIER_TEXTS)


def _value(name: str, value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return value.message(lang)
    if name == "event" and isinstance(value, str):
        return event_definite(value, lang)
    if name == "event_name" and isinstance(value, str):
        return event_name(value, lang)
    if name == "role":
        return ROLE_NAMES.get(lang, ROLE_NAMES["en"]).get(value, value)
    if name == "roles":
        return who_may_text(value, lang)
    if name == "kind" and lang == "sv":
        return CHECKLIST_NAMES.get(value, value)
    if name == "stage":
        return STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(value, value)
    if name == "field" and lang == "sv":
        return PATHWAY_FIELDS.get(value, PATIENT_FIELDS.get(value, value))
    if name == "fields" and lang == "sv":
        return ", ".join(PATIENT_FIELDS.get(f, f) for f in value)
    if name == "detail" and lang != "en" and isinstance(value, str):
        return _by_pattern(value, lang, _PROFILE_TEXTS) or value
    if name == "where" and value is None:
        return _DATABASE.get(lang, "the database")
    return value


def render(key: str | None, params: Mapping[str, Any] | None, lang: str = "sv", fallback: str = "") -> str:
    """The template *key* in *lang* filled with *params*; *fallback* (the English text) if there is none."""
    templates = TEMPLATES.get(lang)
    if not key or templates is None or key not in templates:
        return fallback
    values = {name: _value(name, value, lang) for name, value in (params or {}).items()}
    if key == "identifier":
        values["identifier_sv"] = identifier_text(str(values.get("text", fallback)), lang)
        if values["identifier_sv"] is None:
            return fallback
    if key == "conflict":
        values["what_sv"], values["it"] = _CONFLICT_WHAT.get(values.get("what"), (values.get("what"), "det"))
    try:
        return templates[key].format(**values)
    except (KeyError, IndexError, ValueError):
        return fallback


def refusal_message(exc: BaseException, lang: str = "en") -> str:
    """What *exc* says in *lang*: its Swedish template when it has one, else its English ``str()``."""
    english = str(exc)
    if lang == "en":
        return english
    # Typed values the domain refused carry no key: an identifier (personnummer, reserve id, DIN), or a
    # date or time (a skipped or repeated hour at a clock change, …). Imported here: only a refusal needs them.
    from atmp_desktop.domain.identifiers import IdentifierError
    from atmp_desktop.domain.timeutil import TimeError

    if isinstance(exc, IdentifierError):
        return identifier_text(english, lang) or english
    if isinstance(exc, TimeError):
        return time_text(english, lang) or english
    return render(getattr(exc, "key", None), getattr(exc, "params", None), lang, fallback=english)
