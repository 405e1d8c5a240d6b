<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="70" />
        <source>About {0}</source>
        <translation>Om {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="91" />
        <source>version {0}, transcribed {1}; {2} products, {3} sources; digest {4}</source>
        <translation>version {0}, transkriberad {1}; {2} produkter, {3} källor; kontrollsumma {4}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="98" />
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="119" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="99" />
        <source>Build</source>
        <translation>Bygge</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="100" />
        <source>Product catalogue</source>
        <translation>Produktkatalog</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="101" />
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="177" />
        <source>Sources' dates</source>
        <translation>Källornas datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="102" />
        <source>Program folder</source>
        <translation>Programmapp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="104" />
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="105" />
        <source>Planning support for ATMP (CAR-T) pathways. Every product value comes from the label with its source; a pharmacist must confirm each value against the current SmPC before clinical use.</source>
        <translation>Planeringsstöd för ATMP-vårdförlopp (CAR-T). Varje produktvärde kommer från produktinformationen med angiven källa; en farmaceut måste bekräfta varje värde mot gällande produktresumé (SmPC) före klinisk användning.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="117" />
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="117" />
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="117" />
        <source>Region and date</source>
        <translation>Region och datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="119" />
        <source>Library</source>
        <translation>Bibliotek</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="119" />
        <source>Licence</source>
        <translation>Licens</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="124" />
        <source>The libraries this copy of the program runs on, with their licences, as installed with it. Qt is used under the LGPL 3.0; its licence texts are in each library's folder.</source>
        <translation>Biblioteken som det här exemplaret av programmet körs med, och deras licenser, så som de installerades med det. Qt används under LGPL 3.0; licenstexterna finns i varje biblioteks mapp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="131" />
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="132" />
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="179" />
        <source>Catalogue sources</source>
        <translation>Katalogens källor</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="133" />
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="181" />
        <source>Libraries and licences</source>
        <translation>Bibliotek och licenser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="136" />
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="138" />
        <source>Copy everything shown here as text (for a support request).</source>
        <translation>Kopiera allt som visas här som text (till ett supportärende).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="151" />
        <source>development checkout (not a packaged build)</source>
        <translation>utvecklingskopia (inte ett paketerat bygge)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="154" />
        <source>built {0}</source>
        <translation>byggd {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="155" />
        <source>, commit {0}</source>
        <translation>, commit {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="161" />
        <source>none of the sources is dated</source>
        <translation>ingen av källorna är daterad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/about_dialog.py" line="163" />
        <source>dated {0}; {1} of {2} sources undated (see Catalogue sources)</source>
        <translation>daterade {0}; {1} av {2} källor odaterade (se Katalogens källor)</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="130" />
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="130" />
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="130" />
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="130" />
        <source>What</source>
        <translation>Vad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="130" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="131" />
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="131" />
        <source>Changed fields</source>
        <translation>Ändrade fält</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="142" />
        <source>check failed</source>
        <translation>kontrollen misslyckades</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="129" />
        <source>name or personnummer</source>
        <translation>namn eller personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="134" />
        <location filename="../../atmp_desktop/ui/audit_view.py" line="290" />
        <location filename="../../atmp_desktop/ui/audit_view.py" line="331" />
        <source>All patients</source>
        <translation>Alla patienter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="137" />
        <source>All users</source>
        <translation>Alla användare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="146" />
        <source>Everything</source>
        <translation>Allt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="150" />
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="152" />
        <source>to</source>
        <translation>till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="158" />
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="161" />
        <source>Patient:</source>
        <translation>Patient:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="164" />
        <source>User:</source>
        <translation>Användare:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="166" />
        <source>What:</source>
        <translation>Vad:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="184" />
        <source>Verify again</source>
        <translation>Kontrollera igen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="206" />
        <source>Show more</source>
        <translation>Visa fler</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="219" />
        <source>Field</source>
        <translation>Fält</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="219" />
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="219" />
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="299" />
        <source>No patient matches</source>
        <translation>Ingen patient matchar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="389" />
        <source>Showing the newest {0} entries.</source>
        <translation>Visar de {0} senaste posterna.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="391" />
        <source>{0} entries.</source>
        <translation>{0} poster.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="410" />
        <source>No entry chosen.</source>
        <translation>Ingen post vald.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="414" />
        <source>Entry {0}: {1} {2} by {3} at {4}</source>
        <translation>Post {0}: {1} {2} av {3} {4}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="418" />
        <source>Reason: {0}</source>
        <translation>Orsak: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="418" />
        <source>none given</source>
        <translation>ingen angiven</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="420" />
        <source>The audit check failed here: see the status line above.</source>
        <translation>Loggkontrollen misslyckades här: se statusraden ovan.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="429" />
        <source>(no field changed)</source>
        <translation>(inget fält ändrat)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="444" />
        <source>Checking the audit chain…</source>
        <translation>Kontrollerar loggkedjan…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="472" />
        <source>Chain intact ({0} entries, {1} rows checked).</source>
        <translation>Loggkedjan är obruten ({0} poster, {1} rader kontrollerade).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="481" />
        <source>Chain broken at entry {0}.</source>
        <translation>Loggkedjan är bruten vid post {0}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="483" />
        <source>The data does not match the audit trail.</source>
        <translation>Uppgifterna stämmer inte med granskningsloggen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="487" />
        <source>({0} more problem(s).)</source>
        <translation>({0} problem till.)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_view.py" line="497" />
        <source>The audit chain could not be checked: {0}</source>
        <translation>Loggkedjan kunde inte kontrolleras: {0}</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="17" />
        <source>created</source>
        <translation>skapad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="17" />
        <source>changed</source>
        <translation>ändrad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="17" />
        <source>removed</source>
        <translation>borttagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="18" />
        <source>restored from a backup</source>
        <translation>återställd från säkerhetskopia</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="18" />
        <source>label scanned</source>
        <translation>etikett skannad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="19" />
        <source>chain of identity verified</source>
        <translation>identitetskedjan bekräftad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="20" />
        <source>chain of identity refused</source>
        <translation>identitetskedjan nekad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="24" />
        <source>Pathway</source>
        <translation>Vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="24" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="24" />
        <source>Checklist sign-off</source>
        <translation>Signerad checklista</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="25" />
        <source>Product profile</source>
        <translation>Produktprofil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="25" />
        <source>Resource</source>
        <translation>Resurs</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="25" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="26" />
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="26" />
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="32" />
        <source>planned start</source>
        <translation>planerad start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="32" />
        <source>planned end</source>
        <translation>planerat slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="33" />
        <source>actual start</source>
        <translation>faktisk start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="33" />
        <source>actual end</source>
        <translation>faktiskt slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="34" />
        <source>recorded by</source>
        <translation>registrerad av</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="34" />
        <source>dry shipper holds until</source>
        <translation>transportbehållaren håller till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="35" />
        <source>highest temperature (°C)</source>
        <translation>högsta temperatur (°C)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="35" />
        <source>temperatures</source>
        <translation>temperaturer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="36" />
        <source>note</source>
        <translation>anteckning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="36" />
        <source>stage</source>
        <translation>steg</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="36" />
        <source>chain-of-identity number</source>
        <translation>COI-nummer (identitetskedja)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="37" />
        <source>reason for cancelling</source>
        <translation>orsak till avbrott</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="37" />
        <source>indication</source>
        <translation>indikation</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="38" />
        <source>region</source>
        <translation>region</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="38" />
        <source>product</source>
        <translation>produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="38" />
        <source>time zone</source>
        <translation>tidszon</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="39" />
        <source>product expiry</source>
        <translation>produktens utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="39" />
        <source>tocilizumab doses</source>
        <translation>tocilizumabdoser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="40" />
        <source>LD regimen</source>
        <translation>LD-regim</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="40" />
        <source>site</source>
        <translation>enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="40" />
        <source>patient</source>
        <translation>patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="41" />
        <source>product profile version</source>
        <translation>produktprofilens version</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="41" />
        <source>given name</source>
        <translation>förnamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="42" />
        <source>family name</source>
        <translation>efternamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="42" />
        <source>personnummer</source>
        <translation>personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="43" />
        <source>birth date</source>
        <translation>födelsedatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="43" />
        <source>weight (kg)</source>
        <translation>vikt (kg)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="44" />
        <source>height (cm)</source>
        <translation>längd (cm)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="44" />
        <source>sex</source>
        <translation>kön</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="44" />
        <source>treating site</source>
        <translation>behandlande enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="45" />
        <source>referring site</source>
        <translation>remitterande enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="45" />
        <source>capacity</source>
        <translation>kapacitet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="45" />
        <source>name</source>
        <translation>namn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="46" />
        <source>kind</source>
        <translation>typ</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="46" />
        <source>inpatient days</source>
        <translation>vårddagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="46" />
        <source>per</source>
        <translation>per</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="47" />
        <source>signed by</source>
        <translation>signerad av</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="47" />
        <source>second person</source>
        <translation>andra person</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="48" />
        <source>signed at</source>
        <translation>signerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="48" />
        <source>pathway</source>
        <translation>vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="48" />
        <source>role</source>
        <translation>roll</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="49" />
        <source>display name</source>
        <translation>visningsnamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="49" />
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="50" />
        <source>password (digest)</source>
        <translation>lösenord (kontrollsumma)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="50" />
        <source>profile</source>
        <translation>profil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="50" />
        <source>reason</source>
        <translation>orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="56" />
        <source>Pathways</source>
        <translation>Vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="56" />
        <source>Patients</source>
        <translation>Patienter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="57" />
        <source>Checklist sign-offs</source>
        <translation>Signerade checklistor</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="57" />
        <source>Product profiles</source>
        <translation>Produktprofiler</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="58" />
        <source>Resources and capacity</source>
        <translation>Resurser och kapacitet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="58" />
        <source>Sites</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="58" />
        <source>Users</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/audit_model.py" line="59" />
        <source>Database restores</source>
        <translation>Återställningar av databasen</translation>
    </message>
</context>
<context>
    <name>BedsideInfusionDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/bedside_infusion_dialog.py" line="34" />
        <source>Verify and record infusion</source>
        <translation>Kontrollera och registrera infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/bedside_infusion_dialog.py" line="42" />
        <source>Ended</source>
        <translation>Avslutad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/bedside_infusion_dialog.py" line="48" />
        <source>Infusion started at</source>
        <translation>Infusionen startade</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/bedside_infusion_dialog.py" line="49" />
        <source>Infusion ended at</source>
        <translation>Infusionen avslutades</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/bedside_infusion_dialog.py" line="57" />
        <source>The infusion ends before it starts; check both times.</source>
        <translation>Infusionen slutar innan den börjar; kontrollera båda tiderna.</translation>
    </message>
</context>
<context>
    <name>CalendarModels</name>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="59" />
        <source>Apheresis</source>
        <extracomment>Role carrying the pathway id of an event cell (None for empty cells). Role carrying the :class:`Entry` (event cells) or the ``date`` (month cells). Role carrying True for a cell that is over capacity (load strip) or a closed day.</extracomment>
        <translation>Aferes</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="60" />
        <source>Cell lab</source>
        <translation>Cellaboratorium</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="61" />
        <source>Ward</source>
        <translation>Avdelning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="68" />
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="61" />
        <source>Closed: {0}</source>
        <translation>Stängt: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="72" />
        <source>{0} closed: {1}</source>
        <translation>{0} stängt: {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="79" />
        <source>Errors: {0}</source>
        <translation>Fel: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="81" />
        <source>Warnings: {0}</source>
        <translation>Varningar: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="118" />
        <source>done</source>
        <translation>utfört</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="126" />
        <source>day {0} of {1}</source>
        <translation>dag {0} av {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="131" />
        <source>all day</source>
        <translation>hela dagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="143" />
        <source>Pathway {0} · double-click to open it</source>
        <translation>Behandlingsförlopp {0} · dubbelklicka för att öppna</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="102" />
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="403" />
        <source>today</source>
        <translation>idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="270" />
        <source>Scroll down, or double-click here, to list more; double-click the day to show its week</source>
        <translation>Rulla ned, eller dubbelklicka här, för att lista fler; dubbelklicka på dagen för att visa dess vecka</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="363" />
        <source>Closed</source>
        <translation>Stängt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="364" />
        <source>Partly closed</source>
        <translation>Delvis stängt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="370" />
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="414" />
        <source>With errors: {0}</source>
        <translation>Med fel: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="374" />
        <source>⚠ Over capacity: {0}</source>
        <translation>⚠ Över kapacitet: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="268" />
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="379" />
        <source>+{0} more</source>
        <translation>+{0} till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="411" />
        <source>{0}: {1}/{2} over</source>
        <translation>{0}: {1}/{2} över</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_cells.py" line="167" />
        <location filename="../../atmp_desktop/ui/calendar_models.py" line="448" />
        <source>Week {0}</source>
        <translation>Vecka {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="44" />
        <source>Apheresis chairs</source>
        <translation>Aferesplatser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="46" />
        <source>Ward beds</source>
        <translation>Vårdplatser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="48" />
        <source>Thaw slots</source>
        <translation>Upptiningsplatser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="50" />
        <source>Manufacturing slots · {0}</source>
        <translation>Tillverkningsplatser · {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="59" />
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="77" />
        <source>Pathways: {0}</source>
        <translation>Behandlingsförlopp: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="63" />
        <source>{0} ⚠ over (closed)</source>
        <translation>{0} ⚠ över (stängt)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="65" />
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="91" />
        <source>closed</source>
        <translation>stängt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="67" />
        <source>{0} ⚠ over</source>
        <translation>{0} ⚠ över</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="70" />
        <source>Booked {0} of {1}</source>
        <translation>Bokade {0} av {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="76" />
        <source>week {0}: {1}</source>
        <translation>vecka {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="79" />
        <source>⚠ over</source>
        <translation>⚠ över</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="95" />
        <source>max {0} ⚠ over</source>
        <translation>max {0} ⚠ över</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="97" />
        <source>Over capacity on {0} of these days</source>
        <translation>Över kapacitet {0} av dessa dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="100" />
        <source>max {0}</source>
        <translation>max {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="117" />
        <source>{0} ({1}): {2} per day</source>
        <translation>{0} ({1}): {2} per dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_load_strip.py" line="118" />
        <source>{0} ({1}): {2} per week</source>
        <translation>{0} ({1}): {2} per vecka</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="133" />
        <source>All sites</source>
        <extracomment>The kinds in the order a day lists them (the store sorts a day's page by it).</extracomment>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="138" />
        <source>&amp;Site</source>
        <translation>&amp;Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="142" />
        <source>&amp;Week</source>
        <translation>&amp;Vecka</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="144" />
        <source>&amp;Month</source>
        <translation>&amp;Månad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="154" />
        <source>◀ Previous</source>
        <translation>◀ Föregående</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="155" />
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="156" />
        <source>Next ▶</source>
        <translation>Nästa ▶</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="157" />
        <source>Previous week or month (Ctrl+Page Up)</source>
        <translation>Föregående vecka eller månad (Ctrl+Page Up)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="158" />
        <source>Next week or month (Ctrl+Page Down)</source>
        <translation>Nästa vecka eller månad (Ctrl+Page Down)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="159" />
        <source>Back to today (Ctrl+T)</source>
        <translation>Tillbaka till idag (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="171" />
        <source>Go to a date</source>
        <translation>Gå till ett datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="175" />
        <source>Show manufacturing, shipment and monitoring on every day</source>
        <translation>Visa tillverkning, transport och övervakning varje dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="176" />
        <source>Otherwise these long events are listed on their first and last day only</source>
        <translation>Annars visas dessa långa händelser bara första och sista dagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="206" />
        <source>An error or warning icon marks a pathway with open findings; the cell says how many. Shaded days: a unit is closed; the day's header says which and why.</source>
        <translation>En fel- eller varningsikon markerar ett förlopp med öppna avvikelser; cellen anger hur många. Skuggade dagar: en enhet är stängd; dagens rubrik anger vilken och varför.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="229" />
        <source>Double-click an event, or select it and press Enter, to open its pathway</source>
        <translation>Dubbelklicka på en händelse, eller markera den och tryck Enter, för att öppna behandlingsförloppet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="243" />
        <source>Select a day to list its events; double-click to show its week</source>
        <translation>Markera en dag för att se dess händelser; dubbelklicka för att visa veckan</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="298" />
        <source>Resource load (booked / capacity)</source>
        <translation>Resursbeläggning (bokade / kapacitet)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="454" />
        <source>Could not read the calendar: {0}</source>
        <translation>Kalendern kunde inte läsas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="486" />
        <source>Week {0} · {1} – {2}</source>
        <translation>Vecka {0} · {1} – {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="523" />
        <source>Events listed: {0}</source>
        <translation>Händelser: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="524" />
        <source>Pathways: {0}</source>
        <translation>Behandlingsförlopp: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="525" />
        <source>With errors: {0}</source>
        <translation>Med fel: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="526" />
        <source>With warnings only: {0}</source>
        <translation>Endast varningar: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="527" />
        <source>Days with a unit closed: {0}</source>
        <translation>Dagar med en enhet stängd: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="567" />
        <source>Resource load: being counted…</source>
        <translation>Resursbeläggning: räknas…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="569" />
        <source>Resource load on this day:</source>
        <translation>Resursbeläggning denna dag:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="598" />
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="603" />
        <source>The resource load could not be counted: {0}</source>
        <translation>Resursbeläggningen kunde inte räknas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="605" />
        <source>Counting the resource load…</source>
        <translation>Räknar resursbeläggningen…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/calendar_view.py" line="624" />
        <source>No resources are set up for this site.</source>
        <translation>Inga resurser är inlagda för denna enhet.</translation>
    </message>
</context>
<context>
    <name>CancelPathwayDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="26" />
        <source>Cancel pathway</source>
        <translation>Avbryt vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="29" />
        <source>Cancel pathway {0} ({1}) of {2}? Its events stay in the record; it no longer counts in lists, capacity or checklists.</source>
        <translation>Avbryta vårdförlopp {0} ({1}) för {2}? Händelserna finns kvar i journalen; vårdförloppet räknas inte längre i listor, kapacitet eller checklistor.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="34" />
        <source>Why is the pathway cancelled? (required)</source>
        <translation>Varför avbryts vårdförloppet? (obligatoriskt)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="37" />
        <source>Keep the pathway</source>
        <translation>Behåll vårdförloppet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="38" />
        <source>Cancel the pathway</source>
        <translation>Avbryt vårdförloppet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="46" />
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_cancel_dialog.py" line="54" />
        <source>A reason is required to cancel a pathway.</source>
        <translation>En orsak krävs för att avbryta ett vårdförlopp.</translation>
    </message>
</context>
<context>
    <name>CellLabView</name>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="202" />
        <source>All sites</source>
        <extracomment>How far back and ahead the view looks for expected products. The clock every countdown is read against; replace it to test the passing of time.</extracomment>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="207" />
        <source>&amp;Site</source>
        <translation>&amp;Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="209" />
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="227" />
        <source>Read only: recording receipt, storage and thaw times needs a pharmacist's sign-in.</source>
        <translation>Endast läsning: mottagning, förvaring och upptining registreras av en farmaceut.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="237" />
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="243" />
        <source>Record thaw started…</source>
        <translation>Registrera påbörjad upptining…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="239" />
        <source>Record receipt…</source>
        <translation>Registrera mottagning…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="241" />
        <source>Record placed in storage…</source>
        <translation>Registrera placerad i förvaring…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="246" />
        <source>Verify and record infusion…</source>
        <translation>Kontrollera och registrera infusion…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="249" />
        <source>Today's thaws</source>
        <translation>Dagens upptiningar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="253" />
        <source>Products expected</source>
        <translation>Väntade produkter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="255" />
        <source>In storage</source>
        <translation>I förvaring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="306" />
        <source>Double-click a row to open the pathway</source>
        <translation>Dubbelklicka på en rad för att öppna behandlingsförloppet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="314" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="315" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="188" />
        <source>Errors: {0}</source>
        <translation>Fel: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="190" />
        <source>Warnings: {0}</source>
        <translation>Varningar: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="191" />
        <source>None</source>
        <translation>Inga</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="200" />
        <source>Findings</source>
        <translation>Avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="327" />
        <source>{0}: removed from storage {1}</source>
        <translation>{0}: uttagen ur frysförvaring {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="328" />
        <source>{0}: started {1}</source>
        <translation>{0}: påbörjad {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="329" />
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="80" />
        <source>{0}: planned {1}</source>
        <translation>{0}: planerad {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="340" />
        <source>No infusion planned</source>
        <translation>Ingen infusion planerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="343" />
        <source>ended {0}</source>
        <translation>avslutad {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="345" />
        <source>started {0}</source>
        <translation>påbörjad {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="346" />
        <source>planned {0}</source>
        <translation>planerad {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="350" />
        <source>Thaw</source>
        <translation>Upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="351" />
        <source>Infuse by</source>
        <translation>Infundera senast</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="352" />
        <source>Countdown</source>
        <translation>Nedräkning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="358" />
        <source>Infusion</source>
        <translation>Infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="364" />
        <source>{0} days overdue — receipt not recorded</source>
        <translation>{0} dagar försenad — mottagning ej registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="365" />
        <source>Due today — receipt not recorded</source>
        <translation>Väntas idag — mottagning ej registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="367" />
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="369" />
        <source>Tomorrow</source>
        <translation>Imorgon</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="370" />
        <source>In {0} days</source>
        <translation>Om {0} dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="374" />
        <source>Expected</source>
        <translation>Väntas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="375" />
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="384" />
        <source>Received</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="385" />
        <source>Storage (dry-shipper hold)</source>
        <translation>Förvaring (torrfraktens hålltid)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="389" />
        <source>Warmest storage temperature</source>
        <translation>Högsta förvaringstemperatur</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="393" />
        <source>Expiry</source>
        <translation>Utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="397" />
        <source>Next thaw</source>
        <translation>Nästa upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="400" />
        <source>Before the thaw</source>
        <translation>Före upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="402" />
        <source>Thaw N days after: calendar days from the course's last day to the thaw, as the label's window counts them</source>
        <translation>Upptining N dagar efter: kalenderdagar från kurens sista dag till upptiningen, så som produktresuméns fönster räknar dem</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="49" />
        <source>Limit unknown — confirm with the pharmacist</source>
        <translation>Gränsen okänd — bekräfta med farmaceuten</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="51" />
        <source>No thaw time: the {0} min limit cannot be counted</source>
        <translation>Ingen upptiningstid: gränsen på {0} min kan inte räknas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="53" />
        <source>Not thawed yet · limit {0} min</source>
        <translation>Ej upptinad än · gräns {0} min</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="57" />
        <source>Infused within the limit ({0} of {1} min)</source>
        <translation>Infunderad inom gränsen ({0} av {1} min)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="58" />
        <source>Infused {0} min after thaw — OVER the {1} min limit</source>
        <translation>Infunderad {0} min efter upptining — ÖVER gränsen på {1} min</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="61" />
        <source>OVERDUE by {0}</source>
        <translation>ÖVERSKRIDEN med {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="62" />
        <source>{0} left</source>
        <translation>{0} kvar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="64" />
        <source>infuse now</source>
        <translation>infundera nu</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="66" />
        <source>limit near</source>
        <translation>gränsen närmar sig</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="72" />
        <source>No course before the thaw</source>
        <translation>Ingen kur före upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="76" />
        <source>{0}: day {1} of {2} today</source>
        <translation>{0}: dag {1} av {2} i dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="78" />
        <source>{0}: given, last day {1}</source>
        <translation>{0}: given, sista dag {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="82" />
        <source>{0}: planned {1} – {2}</source>
        <translation>{0}: planerad {1} – {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="84" />
        <source>thaw {0} days after</source>
        <translation>upptining {0} dagar efter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="91" />
        <source>The label found gives no thaw-to-infusion limit for this product; no countdown is shown. Confirm the limit with the pharmacist.</source>
        <translation>Den produktinformation som hittats anger ingen gräns från upptining till infusion för denna produkt; ingen nedräkning visas. Bekräfta gränsen med farmaceuten.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="95" />
        <source>removal from frozen storage</source>
        <translation>uttag ur frysförvaring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="96" />
        <source>end of thaw</source>
        <translation>avslutad upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="96" />
        <source>start of thaw</source>
        <translation>påbörjad upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="97" />
        <source>Infuse by {0}: {1} min from the {2} ({3}), counted in real minutes.</source>
        <translation>Infundera senast {0}: {1} min från {2} ({3}), räknat i verkliga minuter.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="120" />
        <source>Stored {0} · within the hold</source>
        <translation>Förvarad {0} · inom hålltiden</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="122" />
        <source>Stored {0} · AFTER the hold ended ({1})</source>
        <translation>Förvarad {0} · EFTER att hålltiden gick ut ({1})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="125" />
        <source>Stored {0} · shipper hold not recorded</source>
        <translation>Förvarad {0} · hålltiden ej registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="126" />
        <source>Not in storage yet · shipper hold not recorded</source>
        <translation>Ej i förvaring än · hålltiden ej registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="128" />
        <source>Not in storage · shipper hold ENDED {0} ago — place in storage now</source>
        <translation>Ej i förvaring · hålltiden GICK UT för {0} sedan — placera i förvaring nu</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="131" />
        <source>Not in storage yet · shipper hold ends in {0} ({1})</source>
        <translation>Ej i förvaring än · hålltiden går ut om {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="154" />
        <source>Not logged</source>
        <translation>Ej loggad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="156" />
        <source>{0} · limit unknown — confirm with the pharmacist</source>
        <translation>{0} · gränsen okänd — bekräfta med farmaceuten</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="158" />
        <source>{0} — ABOVE the limit (≤ {1})</source>
        <translation>{0} — ÖVER gränsen (≤ {1})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="159" />
        <source>{0} · limit ≤ {1}</source>
        <translation>{0} · gräns ≤ {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="170" />
        <source>Expiry not recorded</source>
        <translation>Utgångsdatum ej registrerat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="172" />
        <source>EXPIRED {0} ({1} days ago)</source>
        <translation>UTGÅNGEN {0} (för {1} dagar sedan)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_words.py" line="173" />
        <source>{0} · {1} days left</source>
        <translation>{0} · {1} dagar kvar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="429" />
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="495" />
        <source>Could not read the cell lab lists: {0}</source>
        <translation>Cellaboratoriets listor kunde inte läsas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="543" />
        <source>Today's thaws ({0})</source>
        <translation>Dagens upptiningar ({0})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="545" />
        <source>Countdowns at {0} · updated every {1} s</source>
        <translation>Nedräkningar kl. {0} · uppdateras var {1}:e s</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="634" />
        <source>Only a nurse may record the infusion</source>
        <extracomment>The widest a column grows to fit its text; longer text wraps onto a second line. Above this many rows the rows keep one height (fitting each costs a pass over every cell).</extracomment>
        <translation>Bara en sjuksköterska får registrera infusionen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_view.py" line="635" />
        <source>Only a pharmacist may record this</source>
        <translation>Endast en farmaceut får registrera detta</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="83" />
        <source>Checklists – {0}</source>
        <extracomment>The checklist a pathway most likely needs next, by its stage.</extracomment>
        <translation>Checklistor – {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="97" />
        <source>{0} · {1} · {2} · pathway {3}</source>
        <translation>{0} · {1} · {2} · vårdförlopp {3}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="102" />
        <source>Checklist:</source>
        <translation>Checklista:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="105" />
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="128" />
        <source>Print…</source>
        <translation>Skriv ut…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="129" />
        <source>Save as…</source>
        <translation>Spara som…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="182" />
        <source>The checklist could not be made; the details are in the log file.</source>
        <translation>Checklistan kunde inte skapas; detaljerna finns i loggfilen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="187" />
        <source>This checklist cannot be made for this pathway:
{0}</source>
        <translation>Den här checklistan kan inte skapas för vårdförloppet:
{0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="208" />
        <source>Not printed: {0}</source>
        <translation>Inte utskriven: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="210" />
        <source>Sent {0} page(s) to the printer.</source>
        <translation>{0} sida/sidor skickade till skrivaren.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="219" />
        <source>Save checklist</source>
        <translation>Spara checklista</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="220" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="228" />
        <source>Not saved: {0}</source>
        <translation>Inte sparad: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="230" />
        <source>Saved {0}</source>
        <translation>Sparad: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="236" />
        <source>Sign-off</source>
        <translation>Signering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="247" />
        <source>Mark completed</source>
        <translation>Markera som klar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="254" />
        <source>Second person:</source>
        <translation>Andra person:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="256" />
        <source>Their password:</source>
        <translation>Deras lösenord:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="257" />
        <source>Note:</source>
        <translation>Anteckning:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="260" />
        <source>Signed so far:</source>
        <translation>Signerat hittills:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="283" />
        <source>Second person (required):</source>
        <translation>Andra person (krävs):</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="284" />
        <source>Second person (optional):</source>
        <translation>Andra person (valfritt):</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="288" />
        <source>This pathway is cancelled; its checklists cannot be signed off.</source>
        <translation>Vårdförloppet är avbrutet; dess checklistor kan inte signeras.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="290" />
        <source>Your role may not sign off this checklist.</source>
        <translation>Din roll får inte signera den här checklistan.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="292" />
        <source>Two people sign this checklist: you, and a second person who confirms with their own password.</source>
        <translation>Två personer signerar checklistan: du och en andra person som bekräftar med sitt eget lösenord.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="295" />
        <source>You sign this checklist as {0}.</source>
        <translation>Du signerar checklistan som {0}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="318" />
        <source>{0}: {1} and {2}, {3}</source>
        <translation>{0}: {1} och {2}, {3}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="321" />
        <source>{0}: {1}, {2}</source>
        <translation>{0}: {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="328" />
        <source>No checklist of this pathway is signed off yet.</source>
        <translation>Ingen checklista för vårdförloppet är signerad ännu.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="354" />
        <source>Not signed: {0}</source>
        <translation>Inte signerad: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_dialog.py" line="359" />
        <source>Signed off: {0}.</source>
        <translation>Signerad: {0}.</translation>
    </message>
</context>
<context>
    <name>CreatePathwayDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="84" />
        <source>New pathway</source>
        <extracomment>Findings the planner adds beyond the checks; they stay with the proposal while it is adjusted.</extracomment>
        <translation>Nytt vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="90" />
        <source>Find a patient: name or personnummer</source>
        <translation>Sök patient: namn eller personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="94" />
        <source>New patient…</source>
        <translation>Ny patient…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="95" />
        <source>No patient chosen.</source>
        <translation>Ingen patient vald.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="97" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="125" />
        <source>Apheresis on</source>
        <translation>Aferes den</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="126" />
        <source>Target infusion on</source>
        <translation>Önskad infusion den</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="135" />
        <source>Earliest feasible with the site's capacity</source>
        <translation>Tidigast möjliga med enhetens kapacitet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="137" />
        <source>Search from the apheresis date for the earliest plan that fits the label, the calendar and every resource's capacity</source>
        <translation>Sök från aferesdatumet efter den tidigaste plan som följer produktresumén, kalendern och varje resurs kapacitet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="145" />
        <source>Conditioning days from the centre's protocol</source>
        <translation>Antal konditioneringsdagar enligt centrets protokoll</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="146" />
        <source>Conditioning days</source>
        <translation>Konditioneringsdagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="151" />
        <source>Mobilisation and apheresis cycles to plan</source>
        <translation>Antal mobiliserings- och aferescykler att planera</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="152" />
        <source>Apheresis cycles</source>
        <translation>Aferescykler</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="156" />
        <source>Treatment</source>
        <translation>Behandling</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="158" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="159" />
        <source>Indication</source>
        <translation>Indikation</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="160" />
        <source>Region (label)</source>
        <translation>Region (produktresumé)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="161" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="162" />
        <source>Plan from</source>
        <translation>Planera från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="163" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="193" />
        <source>Reason or note for the audit trail (optional)</source>
        <translation>Orsak eller anteckning för loggen (frivilligt)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="195" />
        <source>Create pathway</source>
        <translation>Skapa vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="199" />
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="210" />
        <source>Only a coordinator may create a pathway.</source>
        <translation>Endast en koordinator får skapa ett vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="268" />
        <source>No patient found. Register a new one with "New patient…".</source>
        <translation>Ingen patient hittades. Registrera en ny med "Ny patient…".</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="282" />
        <source>{0} ({1}), born {2}</source>
        <translation>{0} ({1}), född {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="295" />
        <source>Patient {0} registered.</source>
        <translation>Patient {0} registrerad.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="399" />
        <source>No plan: {0}</source>
        <translation>Ingen plan: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="418" />
        <source>The apheresis date {0} is in the past.</source>
        <translation>Aferesdatumet {0} har redan passerat.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="469" />
        <source>Apheresis {0}; infusion (day 0) {1}. Stay near the centre until {2}; no driving until {3}.</source>
        <translation>Aferes {0}; infusion (dag 0) {1}. Stanna nära kliniken till {2}; ingen bilkörning till {3}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="474" />
        <source>Why not earlier: {0}</source>
        <translation>Varför inte tidigare: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="476" />
        <source>Nothing in the capacity pushed the plan later.</source>
        <translation>Inget i kapaciteten sköt planen senare.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="488" />
        <source>Choose a patient (or register a new one) first.</source>
        <translation>Välj en patient (eller registrera en ny) först.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="491" />
        <source>There is no plan to save.</source>
        <translation>Det finns ingen plan att spara.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="496" />
        <source>Events are out of order; fix the dates first. {0}</source>
        <translation>Händelserna ligger i fel ordning; rätta datumen först. {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="502" />
        <source>Create with errors?</source>
        <translation>Skapa med fel?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/create_pathway.py" line="503" />
        <source>Your changes cause {0} error finding(s):

{1}

Create the pathway anyway?</source>
        <translation>Dina ändringar ger {0} avvikelser av typen fel:

{1}

Skapa vårdförloppet ändå?</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="192" />
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
</context>
<context>
    <name>DayChecklistsDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="240" />
        <source>Checklists for {0}</source>
        <translation>Checklistor för {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="243" />
        <source>{0} checklist(s) due on {1} – {2}</source>
        <translation>{0} checklista/checklistor för {1} – {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="246" />
        <source>{0} – {1}, {2} (pathway {3}, {4})</source>
        <translation>{0} – {1}, {2} (vårdförlopp {3}, {4})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="253" />
        <source>No checklists are due on this day.</source>
        <translation>Inga checklistor behövs den här dagen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="259" />
        <source>Language:</source>
        <translation>Språk:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="265" />
        <source>Print…</source>
        <translation>Skriv ut…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="266" />
        <source>Save to folder…</source>
        <translation>Spara i mapp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="285" />
        <source>all sites</source>
        <translation>alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="307" />
        <source>Checklists {0}</source>
        <translation>Checklistor {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="317" />
        <source>Save the checklists into</source>
        <translation>Spara checklistorna i</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="322" />
        <source>Not saved: {0} is not a folder.</source>
        <translation>Inte sparade: {0} är ingen mapp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="331" />
        <source>Printing checklists…</source>
        <translation>Skriver ut checklistor…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="331" />
        <source>Saving checklists…</source>
        <translation>Sparar checklistor…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="332" />
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="346" />
        <source>{0} of {1}: {2}</source>
        <translation>{0} av {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="366" />
        <source>{0} of {1} checklist(s) printed.</source>
        <translation>{0} av {1} checklistor utskrivna.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="368" />
        <source>{0} of {1} checklist(s) saved in {2}.</source>
        <translation>{0} av {1} checklistor sparade i {2}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="370" />
        <source>Cancelled: the rest were not printed or saved.</source>
        <translation>Avbrutet: resten skrevs inte ut och sparades inte.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="372" />
        <source>{0}, pathway {1}: {2}</source>
        <translation>{0}, vårdförlopp {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/checklist_day.py" line="375" />
        <source>Not made:</source>
        <translation>Inte skapade:</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="50" />
        <source>The database is in use by another program</source>
        <extracomment>Dialog kinds for :func:`present`.</extracomment>
        <translation>Databasen används av ett annat program</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="51" />
        <source>The database was written by a newer version</source>
        <translation>Databasen har skrivits av en nyare version</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="52" />
        <source>The database is damaged</source>
        <translation>Databasen är skadad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="53" />
        <source>This file is not a database</source>
        <translation>Filen är inte en databas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="54" />
        <source>This database belongs to another program</source>
        <translation>Databasen tillhör ett annat program</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="55" />
        <source>The database is read-only</source>
        <translation>Databasen är skrivskyddad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="56" />
        <source>The disk is full</source>
        <translation>Disken är full</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="57" />
        <source>The database was not found</source>
        <translation>Databasen hittades inte</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="58" />
        <source>Someone else changed this first</source>
        <translation>Någon annan ändrade detta först</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="59" />
        <source>Not found</source>
        <translation>Hittades inte</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="60" />
        <source>Already registered</source>
        <translation>Redan registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="61" />
        <source>Sign-in refused</source>
        <translation>Inloggningen nekades</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="62" />
        <source>Not allowed for your role</source>
        <translation>Inte tillåtet för din roll</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="63" />
        <source>Not accepted</source>
        <translation>Inte godtaget</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="65" />
        <location filename="../../atmp_desktop/ui/errors.py" line="132" />
        <source>Not done</source>
        <translation>Inte utfört</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="99" />
        <source>another user</source>
        <translation>en annan användare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="102" />
        <source>{0} saved a change at {1}. Nothing of yours was overwritten and your edits are still here: reload to see their version.</source>
        <translation>{0} sparade en ändring {1}. Inget av ditt har skrivits över och dina ändringar finns kvar: läs in igen för att se den andra versionen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="123" />
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="124" />
        <source>The last action could not be completed. Everything saved before it is safe.</source>
        <translation>Den senaste åtgärden kunde inte slutföras. Allt som sparats före den är säkert.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="126" />
        <source>Details were written to {0}</source>
        <translation>Detaljer har skrivits till {0}</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="46" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="46" />
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="46" />
        <source>Planned start</source>
        <translation>Planerad start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="46" />
        <source>Planned end</source>
        <translation>Planerat slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="47" />
        <source>Actual start</source>
        <translation>Faktisk start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="47" />
        <source>Actual end</source>
        <translation>Faktiskt slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="47" />
        <source>Recorded by</source>
        <translation>Registrerad av</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="144" />
        <source>Note: {0}</source>
        <translation>Anteckning: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="146" />
        <source>Double-click to edit: YYYY-MM-DD or YYYY-MM-DD HH:MM</source>
        <translation>Dubbelklicka för att ändra: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="168" />
        <source>The planned start of the {0} cannot be empty.</source>
        <translation>Planerad start för {0} får inte vara tom.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="169" />
        <source>planned start of the {0}</source>
        <translation>planerad start för {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="173" />
        <source>planned end of the {0}</source>
        <translation>planerat slut för {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_event_table.py" line="175" />
        <source>The planned end of the {0} ({1}) is before its start ({2}); nothing was changed.</source>
        <translation>Planerat slut för {0} ({1}) ligger före starten ({2}); inget ändrades.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="49" />
        <source>Could not write {0}: {1}</source>
        <translation>Kunde inte skriva {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="57" />
        <source>Import and export</source>
        <translation>Import och export</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="60" />
        <source>Schedule as calendar file (.ics)…</source>
        <translation>Schema som kalenderfil (.ics)…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="62" />
        <source>Pathway as FHIR bundle…</source>
        <translation>Vårdförlopp som FHIR-bunt…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="63" />
        <source>Patients list as CSV…</source>
        <translation>Patientlistan som CSV…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="65" />
        <source>Calendar week as CSV…</source>
        <translation>Kalenderveckan som CSV…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="68" />
        <source>New patient from FHIR file…</source>
        <translation>Ny patient från FHIR-fil…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="94" />
        <source>Export the schedule as a calendar file</source>
        <translation>Exportera schemat som kalenderfil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="108" />
        <source>Full names in the titles (only for the ward's own calendar)</source>
        <translation>Fullständiga namn i rubrikerna (bara för avdelningens egen kalender)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="109" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="110" />
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="111" />
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="113" />
        <source>Titles name patients by initials and pathway id; the personnummer is never written. Importing a newer file updates the same entries.</source>
        <translation>Rubrikerna anger patienten med initialer och vårdförloppets id; personnumret skrivs aldrig ut. En nyare fil uppdaterar samma poster när den importeras.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="129" />
        <source>Save calendar file</source>
        <translation>Spara kalenderfil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="131" />
        <source>Calendar files (*.ics)</source>
        <translation>Kalenderfiler (*.ics)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="146" />
        <source>Select a pathway first (in Today, Patients or the Pathway view).</source>
        <translation>Välj ett vårdförlopp först (i Idag, Patienter eller Vårdförlopp).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="151" />
        <source>Save FHIR bundle</source>
        <translation>Spara FHIR-bunt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="153" />
        <location filename="../../atmp_desktop/ui/export_actions.py" line="170" />
        <source>FHIR JSON (*.json)</source>
        <translation>FHIR JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="169" />
        <source>Open a FHIR Patient</source>
        <translation>Öppna en FHIR Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="176" />
        <source>Could not read {0}: {1}</source>
        <translation>Kunde inte läsa {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="182" />
        <source>Patient registered</source>
        <translation>Patienten är registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="183" />
        <source>{0}, {1}, registered at {2}.</source>
        <translation>{0}, {1}, registrerad vid {2}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="205" />
        <source>Save the Patients list</source>
        <translation>Spara patientlistan</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="206" />
        <location filename="../../atmp_desktop/ui/export_actions.py" line="229" />
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/export_actions.py" line="227" />
        <source>Save the Calendar week</source>
        <translation>Spara kalenderveckan</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="52" />
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="53" />
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="54" />
        <source>Note</source>
        <translation>Notering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="87" />
        <source>No findings.</source>
        <translation>Inga avvikelser.</translation>
    </message>
</context>
<context>
    <name>LocalProfileActions</name>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="40" />
        <source>Add local profile…</source>
        <translation>Lägg till lokal profil…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="42" />
        <source>Approve…</source>
        <translation>Godkänn…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="59" />
        <source>Only a pharmacist or an administrator may add or approve a local product profile.</source>
        <translation>Bara en farmaceut eller en administratör får lägga till eller godkänna en lokal produktprofil.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="61" />
        <source>Read a trial or hospital-exemption product profile (atmp-local-profile/1) from a file</source>
        <translation>Läs en produktprofil för en prövningsprodukt eller sjukhusundantag (atmp-local-profile/1) från en fil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="85" />
        <source>{0} version {1}</source>
        <translation>{0} version {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="86" />
        <source>Waiting for a second person's approval: {0}</source>
        <translation>Väntar på en andra persons godkännande: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="96" />
        <location filename="../../atmp_desktop/ui/product_local.py" line="126" />
        <source>Add local profile</source>
        <translation>Lägg till lokal profil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="99" />
        <source>Local product profiles (*.json)</source>
        <translation>Lokala produktprofiler (*.json)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="99" />
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="110" />
        <source>The file {0} could not be read: {1}</source>
        <translation>Filen {0} kunde inte läsas: {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="111" />
        <source>Not added</source>
        <translation>Inte tillagd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="121" />
        <source>{0} version {1} saved; it waits for a second person's approval before it can be planned with.</source>
        <translation>{0} version {1} sparad; den väntar på en andra persons godkännande innan den kan användas i planering.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="127" />
        <source>The file gives no reason for this version: why is it added?</source>
        <translation>Filen anger ingen orsak till den här versionen: varför läggs den till?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="140" />
        <source>Approve local profile</source>
        <translation>Godkänn lokal profil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="141" />
        <source>{0} version {1}, written by {2}: {3}

You approve it as the second person; new plans of {0} then use this version.</source>
        <translation>{0} version {1}, skriven av {2}: {3}

Du godkänner den som andra person; nya planer för {0} använder sedan den här versionen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_local.py" line="156" />
        <source>{0} version {1} approved: new plans use it.</source>
        <translation>{0} version {1} godkänd: nya planer använder den.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="29" />
        <source>Today</source>
        <extracomment>The views, in navigation order: (key, module, class). The names are the shared contract.</extracomment>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="30" />
        <source>Patients</source>
        <translation>Patienter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="31" />
        <source>Pathway</source>
        <translation>Vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="32" />
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="33" />
        <source>Cell lab</source>
        <translation>Cellab</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="34" />
        <source>Products</source>
        <translation>Produkter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_views.py" line="35" />
        <source>Audit</source>
        <translation>Granskningslogg</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="45" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="144" />
        <source>Find patient</source>
        <translation>Sök patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="47" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="145" />
        <source>New pathway…</source>
        <translation>Nytt vårdförlopp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="49" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="146" />
        <source>Print checklist…</source>
        <translation>Skriv ut checklista…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="51" />
        <source>Print tomorrow's checklists…</source>
        <translation>Skriv ut morgondagens checklistor…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="54" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="147" />
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="55" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="148" />
        <source>Lock</source>
        <translation>Lås</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="56" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="149" />
        <source>Settings…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="57" />
        <source>Sign out</source>
        <translation>Logga ut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="58" />
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="59" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="152" />
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="61" />
        <source>About {0}</source>
        <translation>Om {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="63" />
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="70" />
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="76" />
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="127" />
        <source>Main</source>
        <extracomment>The signed-in user changed (sign in as someone else at the lock screen, or sign out and in).</extracomment>
        <translation>Huvudverktyg</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="135" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="139" />
        <source>All sites</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="160" />
        <source>Views</source>
        <translation>Vyer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="177" />
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="177" />
        <source>The window is locked. Enter your password to continue.</source>
        <translation>Fönstret är låst. Ange ditt lösenord för att fortsätta.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="190" />
        <source>Database: {0}</source>
        <translation>Databas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="201" />
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="203" />
        <source>Signed in: {0} · {1}</source>
        <translation>Inloggad: {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="208" />
        <source>Plan a new pathway (Ctrl+N)</source>
        <translation>Planera ett nytt vårdförlopp (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="209" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="87" />
        <source>Only a coordinator may plan pathways.</source>
        <translation>Endast en koordinator får planera vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="226" />
        <source>Loading… This view is not part of this build yet.</source>
        <translation>Laddar… Den här vyn finns inte i den här versionen ännu.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="229" />
        <source>This view could not be opened. Details were written to {0}</source>
        <translation>Vyn kunde inte öppnas. Detaljer har skrivits till {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="273" />
        <source>The Pathway view is not available in this build.</source>
        <translation>Vyn Vårdförlopp finns inte i den här versionen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="293" />
        <source>{0} has no pathway yet. New pathway… (Ctrl+N) plans one.</source>
        <translation>{0} har inget vårdförlopp ännu. Nytt vårdförlopp… (Ctrl+N) planerar ett.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="304" />
        <source>No patient matches “{0}”.</source>
        <translation>Ingen patient matchar ”{0}”.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="329" />
        <source>Someone else saved changes; press F5 to reload when your edits are saved.</source>
        <translation>Någon annan har sparat ändringar; tryck F5 för att läsa om när dina ändringar är sparade.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="92" />
        <source>Planning a new pathway is not available in this build.</source>
        <translation>Att planera ett nytt vårdförlopp finns inte i den här versionen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="104" />
        <source>Select a pathway first (in Today, Patients or the Pathway view).</source>
        <translation>Välj först ett vårdförlopp (i Idag, Patienter eller Vårdförlopp).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/window_menus.py" line="110" />
        <location filename="../../atmp_desktop/ui/window_menus.py" line="122" />
        <source>Printing checklists is not available in this build.</source>
        <translation>Utskrift av checklistor finns inte i den här versionen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="374" />
        <source>The language was not changed: there are unsaved changes.</source>
        <translation>Språket ändrades inte: det finns osparade ändringar.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="379" />
        <source>The settings could not be saved: {0}</source>
        <translation>Inställningarna kunde inte sparas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="423" />
        <source>There are unsaved changes in: {0}. Discard them?</source>
        <translation>Det finns osparade ändringar i: {0}. Vill du kasta dem?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/main_window.py" line="422" />
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../atmp_desktop/ui/dialog_parts.py" line="44" />
        <source>Dismiss</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/dialog_parts.py" line="54" />
        <source>Not done</source>
        <translation>Inte utfört</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/dialog_parts.py" line="55" />
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/dialog_parts.py" line="56" />
        <source>Note</source>
        <translation>Notering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/dialog_parts.py" line="57" />
        <source>Done</source>
        <translation>Klart</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../atmp_desktop/ui/cells.py" line="70" />
        <source>1 error</source>
        <extracomment>Role that gives the pathway id of a row (Patients and Today). Role that gives the patient id of a row (Patients and Today). Role that gives the finding code of a finding row (Today). Role that tells what a Today row is: "day", "event" or "finding".</extracomment>
        <translation>1 fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/cells.py" line="72" />
        <source>{0} errors</source>
        <translation>{0} fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/cells.py" line="74" />
        <source>1 warning</source>
        <translation>1 varning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/cells.py" line="76" />
        <source>{0} warnings</source>
        <translation>{0} varningar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="368" />
        <source>all day</source>
        <extracomment>The roles TodayModel answers (as plain ints: data() is asked for others too, per painted cell).</extracomment>
        <translation>hela dagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="373" />
        <source>day {0}</source>
        <translation>dag {0}</translation>
    </message>
</context>
<context>
    <name>NewPatientDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="40" />
        <source>New patient</source>
        <translation>Ny patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="43" />
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="49" />
        <source>No Swedish personnummer or samordningsnummer (give a reserve id)</source>
        <translation>Inget svenskt personnummer eller samordningsnummer (ge ett reservnummer)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="55" />
        <source>not given</source>
        <translation>ej angivet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="55" />
        <source>female</source>
        <translation>kvinna</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="55" />
        <source>male</source>
        <translation>man</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="56" />
        <source>other</source>
        <translation>annat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="59" />
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="61" />
        <source>cm</source>
        <translation>cm</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="69" />
        <source>optional</source>
        <translation>frivilligt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="72" />
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="75" />
        <source>Given name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="76" />
        <source>Family name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="77" />
        <source>Birth date</source>
        <translation>Födelsedatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="78" />
        <source>Sex</source>
        <translation>Kön</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="79" />
        <source>Weight</source>
        <translation>Vikt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="80" />
        <source>Height</source>
        <translation>Längd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="81" />
        <source>Treating site</source>
        <translation>Behandlande enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="82" />
        <source>Referring site</source>
        <translation>Remitterande enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="84" />
        <source>Register patient</source>
        <translation>Registrera patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="89" />
        <source>Only a coordinator may register patients.</source>
        <translation>Endast en koordinator får registrera patienter.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="101" />
        <source>A reserve id is made from the birth date when the patient is registered.</source>
        <translation>Ett reservnummer skapas från födelsedatumet när patienten registreras.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="113" />
        <source>Not valid: {0}</source>
        <translation>Ogiltigt: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="116" />
        <source>{0}, born {1}</source>
        <translation>{0}, född {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="129" />
        <source>{0}: "{1}" is not a number</source>
        <translation>{0}: "{1}" är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="137" />
        <source>Give the personnummer, or tick that the patient has none.</source>
        <translation>Ange personnumret, eller kryssa i att patienten saknar ett.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="141" />
        <source>The personnummer is not valid: {0}</source>
        <translation>Personnumret är ogiltigt: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="143" />
        <source>birth date</source>
        <translation>födelsedatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="145" />
        <source>A patient without a Swedish number needs a birth date (for the reserve id).</source>
        <translation>En patient utan svenskt nummer behöver ett födelsedatum (för reservnumret).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="147" />
        <source>Give both the given name and the family name.</source>
        <translation>Ange både förnamn och efternamn.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="148" />
        <source>weight</source>
        <translation>vikt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/new_patient_dialog.py" line="149" />
        <source>height</source>
        <translation>längd</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="80" />
        <source>This rule does not apply to the product and cannot be overridden.</source>
        <translation>Regeln gäller inte produkten och kan inte ändras lokalt.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="84" />
        <source>This rule has no value that can be changed here.</source>
        <translation>Regeln har inget värde som kan ändras här.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="86" />
        <source>Override: {0}</source>
        <translation>Lokal ändring: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="88" />
        <source>{0} ({1}), {2}{3}. Label value: {4}</source>
        <translation>{0} ({1}), {2}{3}. Värde enligt märkningen: {4}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="111" />
        <source>blank = unknown</source>
        <translation>tomt = okänt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="118" />
        <source>why the centre uses another value (required)</source>
        <translation>varför kliniken använder ett annat värde (krävs)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="119" />
        <source>Reason:</source>
        <translation>Orsak:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="124" />
        <source>A local value replaces the label's for new plans. A pharmacist must confirm it against the current SmPC.</source>
        <translation>Ett lokalt värde ersätter märkningens i nya planer. En farmaceut ska bekräfta det mot aktuell produktresumé.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="166" />
        <source>months</source>
        <translation>månader</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="167" />
        <source>minutes</source>
        <translation>minuter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="167" />
        <source>days</source>
        <translation>dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="168" />
        <source>Value ({0})</source>
        <translation>Värde ({0})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="170" />
        <source>Minutes</source>
        <translation>Minuter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="171" />
        <source>Counted from</source>
        <translation>Räknas från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="173" />
        <source>Shortest gap (calendar days)</source>
        <translation>Kortaste intervall (kalenderdagar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="174" />
        <source>Longest gap (calendar days)</source>
        <translation>Längsta intervall (kalenderdagar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="175" />
        <source>Planned gap (calendar days)</source>
        <translation>Planerat intervall (kalenderdagar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="177" />
        <source>What to give</source>
        <translation>Vad som ges</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="178" />
        <source>At least (minutes before)</source>
        <translation>Minst (minuter före)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="179" />
        <source>At most (minutes before)</source>
        <translation>Högst (minuter före)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="181" />
        <source>Second part after (days)</source>
        <translation>Andra delen efter (dagar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="182" />
        <source>Tolerance (± days)</source>
        <translation>Marginal (± dagar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="183" />
        <source>Latest second part (days after)</source>
        <translation>Senaste andra del (dagar efter)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="185" />
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="193" />
        <source>{0}, dose (mg/m²)</source>
        <translation>{0}, dos (mg/m²)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="195" />
        <source>{0}, LD days (1, 2, …)</source>
        <translation>{0}, LD-dagar (1, 2, …)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="208" />
        <source>{0}: a value is needed.</source>
        <translation>{0}: ett värde behövs.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="216" />
        <source>{0}: '{1}' is not a list of day numbers such as 1, 2, 3.</source>
        <translation>{0}: '{1}' är inte en lista med dagnummer som 1, 2, 3.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="219" />
        <source>{0}: give each LD day once, counting from 1.</source>
        <translation>{0}: ange varje LD-dag en gång, räknat från 1.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="231" />
        <source>{0}: '{1}' is not a number.</source>
        <translation>{0}: '{1}' är inte ett tal.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="232" />
        <source>{0}: '{1}' is not a whole number.</source>
        <translation>{0}: '{1}' är inte ett heltal.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="234" />
        <source>{0}: {1} is too small (at least {2}).</source>
        <translation>{0}: {1} är för litet (minst {2}).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="260" />
        <source>The shortest gap ({0}) is longer than the longest ({1}).</source>
        <translation>Det kortaste intervallet ({0}) är längre än det längsta ({1}).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="262" />
        <source>The planned gap ({0}) must lie within the shortest and longest gap.</source>
        <translation>Det planerade intervallet ({0}) måste ligga mellan det kortaste och det längsta.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="267" />
        <source>'At least' ({0} min) is more than 'at most' ({1} min).</source>
        <translation>'Minst' ({0} min) är mer än 'högst' ({1} min).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="272" />
        <source>The tolerance must be smaller than the days to the second part.</source>
        <translation>Marginalen måste vara mindre än antalet dagar till andra delen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="274" />
        <source>The latest second part ({0}) comes before the planned one ({1}).</source>
        <translation>Senaste andra del ({0}) kommer före den planerade ({1}).</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="287" />
        <source>Give a reason for the change; it goes into the audit trail.</source>
        <translation>Ange en orsak till ändringen; den sparas i granskningsloggen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_override_dialog.py" line="290" />
        <source>The value is unchanged; nothing to save.</source>
        <translation>Värdet är oförändrat; inget att spara.</translation>
    </message>
</context>
<context>
    <name>PathwayEditor</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="93" />
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="224" />
        <source>Findings</source>
        <translation>Avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="98" />
        <source>Resolved by the unsaved changes</source>
        <translation>Lösta av de osparade ändringarna</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="207" />
        <source>NEW</source>
        <translation>NY</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="221" />
        <source>Findings (what-if, not saved: {0} new, {1} resolved)</source>
        <translation>Avvikelser (tänkt ändring, ej sparad: {0} nya, {1} lösta)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_editor.py" line="244" />
        <source>{0} has already happened and is not moved.</source>
        <translation>{0} har redan utförts och flyttas inte.</translation>
    </message>
</context>
<context>
    <name>PathwayHeader</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="42" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="42" />
        <source>Indication</source>
        <translation>Indikation</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="42" />
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="43" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="43" />
        <source>Stage</source>
        <translation>Fas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="43" />
        <source>Chain of identity</source>
        <translation>Identitetskedja</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="44" />
        <source>Product expiry</source>
        <translation>Produktens utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="44" />
        <source>Tocilizumab doses</source>
        <translation>Tocilizumabdoser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="45" />
        <source>Last change</source>
        <translation>Senast ändrad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="86" />
        <source>before {0}, at least {1} days</source>
        <extracomment>The drugs recorded as stopped before a step (issue 13), whose WASHOUT findings are in the list.</extracomment>
        <translation>före {0}, minst {1} dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="88" />
        <source>before {0}</source>
        <translation>före {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="89" />
        <source>{0} last dose {1} ({2})</source>
        <translation>{0} sista dos {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="90" />
        <source>Washouts: {0}</source>
        <translation>Utsättning: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="102" />
        <source>(default)</source>
        <translation>(standard)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="115" />
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="116" />
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="117" />
        <source>not recorded</source>
        <translation>ej registrerat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="119" />
        <source>(label requires {0})</source>
        <translation>(produktresumén kräver {0})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="122" />
        <source>version {0}, {1}, {2}</source>
        <translation>version {0}, {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_header.py" line="126" />
        <source>Cancelled: {0}</source>
        <translation>Avbrutet: {0}</translation>
    </message>
</context>
<context>
    <name>PathwayInput</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_input.py" line="36" />
        <source>{0}: "{1}" is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)</source>
        <translation>{0}: "{1}" är inte ett datum (ÅÅÅÅ-MM-DD) eller datum och tid (ÅÅÅÅ-MM-DD TT:MM)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_input.py" line="52" />
        <source>{0}: "{1}" is not a date (YYYY-MM-DD)</source>
        <translation>{0}: "{1}" är inte ett datum (ÅÅÅÅ-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_input.py" line="96" />
        <source>Not saved: {0} changed this pathway at {1}, after you opened it (now version {2}). Your changes are kept here; reload to see theirs, then apply yours again.</source>
        <translation>Inte sparat: {0} ändrade vårdförloppet {1}, efter att du öppnade det (nu version {2}). Dina ändringar finns kvar här; läs in igen för att se deras och gör sedan om dina.</translation>
    </message>
</context>
<context>
    <name>PathwayTableModel</name>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="79" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="79" />
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="79" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="79" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="80" />
        <source>Indication</source>
        <translation>Indikation</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="80" />
        <source>Stage</source>
        <translation>Fas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="80" />
        <source>Infusion (day 0)</source>
        <translation>Infusion (dag 0)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="80" />
        <source>Open findings</source>
        <translation>Öppna avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/models.py" line="81" />
        <source>Last changed</source>
        <translation>Senast ändrad</translation>
    </message>
</context>
<context>
    <name>PathwayView</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="74" />
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="130" />
        <source>New pathway…</source>
        <translation>Nytt vårdförlopp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="75" />
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="76" />
        <source>Save the changes (Ctrl+S)</source>
        <translation>Spara ändringarna (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="77" />
        <source>Revert</source>
        <translation>Ångra ändringar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="78" />
        <source>Throw away the unsaved changes</source>
        <translation>Kasta de osparade ändringarna</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="80" />
        <source>Reason for the change (optional)</source>
        <translation>Orsak till ändringen (frivilligt)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="81" />
        <source>Record actual times…</source>
        <translation>Registrera faktiska tider…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="82" />
        <source>Replan…</source>
        <translation>Planera om…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="83" />
        <source>Cancel pathway…</source>
        <translation>Avbryt vårdförlopp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="85" />
        <source>Checklists</source>
        <translation>Checklistor</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="89" />
        <source>Pre-apheresis</source>
        <translation>Före aferes</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="90" />
        <source>Product receipt</source>
        <translation>Produktmottagning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="91" />
        <source>Pre-lymphodepletion</source>
        <translation>Före lymfodepletion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="92" />
        <source>Pre-infusion</source>
        <translation>Före infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="93" />
        <source>Monitoring</source>
        <translation>Övervakning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="94" />
        <source>Discharge</source>
        <translation>Utskrivning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="126" />
        <source>Open a pathway from Today, Patients or the Calendar, or create a new one.</source>
        <translation>Öppna ett vårdförlopp från Idag, Patienter eller Kalendern, eller skapa ett nytt.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="182" />
        <source>Save or revert your changes first.</source>
        <translation>Spara eller ångra dina ändringar först.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="184" />
        <source>Your role does not record event times.</source>
        <translation>Din roll registrerar inga händelsetider.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="185" />
        <source>Only a coordinator may replan a pathway.</source>
        <translation>Endast en koordinator får planera om ett vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="186" />
        <source>Only a coordinator may cancel a pathway.</source>
        <translation>Endast en koordinator får avbryta ett vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="192" />
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="412" />
        <source>The pathway is cancelled.</source>
        <translation>Vårdförloppet är avbrutet.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="199" />
        <source>Unsaved changes: the findings below are what-if, not saved.</source>
        <translation>Osparade ändringar: avvikelserna nedan gäller den tänkta ändringen, inget är sparat.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="201" />
        <source>Read-only for your role: planned times are changed by a coordinator.</source>
        <translation>Skrivskyddat för din roll: planerade tider ändras av en koordinator.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="228" />
        <source>Unsaved changes</source>
        <translation>Osparade ändringar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="229" />
        <source>The pathway of {0} has unsaved changes.</source>
        <translation>Vårdförloppet för {0} har osparade ändringar.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="232" />
        <source>Save them, discard them, or cancel and keep working on them?</source>
        <translation>Vill du spara dem, kasta dem eller avbryta och fortsätta arbeta med dem?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="234" />
        <source>Save…</source>
        <translation>Spara…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="235" />
        <source>Discard</source>
        <translation>Kasta</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="236" />
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="283" />
        <source>Counting the site's capacity…</source>
        <translation>Räknar enhetens kapacitet…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="363" />
        <source>Save with errors?</source>
        <translation>Spara med fel?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="364" />
        <source>The changes cause {0} new error finding(s):

{1}

Save anyway?</source>
        <translation>Ändringarna ger {0} nya avvikelser av typen fel:

{1}

Spara ändå?</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="374" />
        <source>Reload (throw away my changes)</source>
        <translation>Läs in igen (kasta mina ändringar)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="381" />
        <source>Saved as version {0}.</source>
        <translation>Sparat som version {0}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="406" />
        <source>Recorded.</source>
        <translation>Registrerat.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="418" />
        <source>The new plan is saved.</source>
        <translation>Den nya planen är sparad.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_view.py" line="438" />
        <source>Checklists are not available in this build.</source>
        <translation>Checklistor finns inte i den här versionen.</translation>
    </message>
</context>
<context>
    <name>PatientSearch</name>
    <message>
        <location filename="../../atmp_desktop/ui/patient_search.py" line="32" />
        <source>Find patient: name or personnummer (Ctrl+F)</source>
        <extracomment>Enter pressed without choosing from the list: the text, and how many patients match.</extracomment>
        <translation>Sök patient: namn eller personnummer (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>PatientsView</name>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="51" />
        <source>Filter: name, personnummer, product…</source>
        <translation>Filtrera: namn, personnummer, produkt…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="57" />
        <source>All sites</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="65" />
        <source>All products</source>
        <translation>Alla produkter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="76" />
        <source>Active pathways</source>
        <translation>Pågående vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="77" />
        <source>All stages</source>
        <translation>Alla faser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="87" />
        <source>Any findings</source>
        <translation>Alla, med eller utan avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="88" />
        <source>With open errors</source>
        <translation>Med öppna fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="89" />
        <source>With errors or warnings</source>
        <translation>Med fel eller varningar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="90" />
        <source>Without findings</source>
        <translation>Utan avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="97" />
        <source>Show every patient again</source>
        <translation>Visa alla patienter igen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="100" />
        <source>Clear filters</source>
        <translation>Rensa filter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="138" />
        <source>Open pathway</source>
        <translation>Öppna vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="141" />
        <source>New pathway…</source>
        <translation>Nytt vårdförlopp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="143" />
        <source>Plan a new pathway for the selected patient (Ctrl+N)</source>
        <translation>Planera ett nytt vårdförlopp för vald patient (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="147" />
        <source>Only a coordinator may plan pathways.</source>
        <translation>Endast en koordinator får planera vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="212" />
        <source>Showing {0} of {1} pathways</source>
        <translation>Visar {0} av {1} vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="244" />
        <source>Only {0}  ✕</source>
        <translation>Endast {0}  ✕</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/patients_view.py" line="295" />
        <source>Planning a new pathway is not available in this build.</source>
        <translation>Att planera ett nytt vårdförlopp finns inte i den här versionen.</translation>
    </message>
</context>
<context>
    <name>ProductCatalogue</name>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="79" />
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="82" />
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="88" />
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="88" />
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="352" />
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="88" />
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="353" />
        <source>Confidence</source>
        <translation>Säkerhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="88" />
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="403" />
        <source>Sources</source>
        <translation>Källor</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="102" />
        <source>Override value…</source>
        <translation>Ändra värdet lokalt…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="103" />
        <source>Back to the label's values…</source>
        <translation>Tillbaka till märkningens värden…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="111" />
        <source>Planning support only: a pharmacist confirms each value against the current SmPC before clinical use.</source>
        <translation>Endast planeringsstöd: en farmaceut bekräftar varje värde mot aktuell produktresumé före klinisk användning.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="139" />
        <source>Read-only: only an administrator can override product values.</source>
        <translation>Endast läsning: bara en administratör kan ändra produktvärden lokalt.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="188" />
        <source>local profile, version {0}</source>
        <translation>lokal profil, version {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="189" />
        <source>local profile, not yet approved</source>
        <translation>lokal profil, ännu inte godkänd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="191" />
        <source>local version {0}</source>
        <translation>lokal version {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="193" />
        <source>version {0} waits for approval</source>
        <translation>version {0} väntar på godkännande</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="225" />
        <source>0 – shipped catalogue</source>
        <translation>0 – levererad katalog</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="225" />
        <source>the catalogue shipped with the application</source>
        <translation>katalogen som levererades med programmet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="227" />
        <source>back to the label's values</source>
        <translation>tillbaka till märkningens värden</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="227" />
        <source>local override</source>
        <translation>lokal ändring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="229" />
        <source>local profile</source>
        <translation>lokal profil</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="229" />
        <source>local profile, pending approval</source>
        <translation>lokal profil, väntar på godkännande</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="231" />
        <source>{0} – {1}, {2}, {3}: {4}</source>
        <translation>{0} – {1}, {2}, {3}: {4}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="234" />
        <source>{0}; approved by {1}</source>
        <translation>{0}; godkänd av {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="238" />
        <source>{0} (current)</source>
        <translation>{0} (gällande)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="259" />
        <source>{0} ({1}), {2} – {3}</source>
        <translation>{0} ({1}), {2} – {3}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="261" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="269" />
        <source>Indication: {0}</source>
        <translation>Indikation: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="357" />
        <source>Label value</source>
        <translation>Värde enligt märkningen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="358" />
        <source>Label confidence</source>
        <translation>Säkerhet enligt märkningen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="359" />
        <source>Reason for the local value</source>
        <translation>Orsak till det lokala värdet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="361" />
        <source>Note</source>
        <translation>Anmärkning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="363" />
        <source>Label wording</source>
        <translation>Märkningens formulering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="365" />
        <source>Label's own numbers</source>
        <translation>Märkningens egna siffror</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="367" />
        <source>Convention</source>
        <translation>Räknesätt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="369" />
        <source>How it was derived</source>
        <translation>Hur värdet härletts</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="371" />
        <source>Counted from</source>
        <translation>Räknas från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="376" />
        <source>{0} {1} mg/m² on LD day {2}</source>
        <translation>{0} {1} mg/m² på LD-dag {2}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="382" />
        <source>Regimens</source>
        <translation>Regimer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="384" />
        <source>May be omitted</source>
        <translation>Kan utelämnas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="384" />
        <source>yes, as the note says</source>
        <translation>ja, enligt anmärkningen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="402" />
        <source>none: the value was not found in any source</source>
        <translation>inga: värdet hittades inte i någon källa</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="433" />
        <source>A local profile changes by a new file (Add local profile…), approved by a second person.</source>
        <translation>En lokal profil ändras med en ny fil (Lägg till lokal profil…), som godkänns av en andra person.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="437" />
        <source>An older version is shown; choose the current one to override a value.</source>
        <translation>En äldre version visas; välj den gällande för att ändra ett värde.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="458" />
        <source>Back to the label's values</source>
        <translation>Tillbaka till märkningens värden</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_catalogue.py" line="459" />
        <source>{0}: new plans use the shipped catalogue's values again. Existing pathways keep the version they were planned with.</source>
        <translation>{0}: nya planer använder åter den levererade katalogens värden. Befintliga vårdförlopp behåller versionen de planerades med.</translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <location filename="../../atmp_desktop/ui/products_view.py" line="35" />
        <source>Products</source>
        <translation>Produkter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/products_view.py" line="36" />
        <source>Capacity</source>
        <translation>Kapacitet</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="154" />
        <source>Reason:</source>
        <translation>Orsak:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="162" />
        <source>A reason is needed.</source>
        <translation>En orsak behövs.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="27" />
        <source>Record product receipt</source>
        <translation>Registrera produktmottagning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="32" />
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="39" />
        <source>Recorded</source>
        <translation>Registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="55" />
        <source>Received at</source>
        <translation>Mottagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="56" />
        <source>Dry shipper hold until</source>
        <translation>Torrfraktbehållarens hålltid till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="57" />
        <source>Expiry date</source>
        <translation>Utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="70" />
        <source>The expiry date {0} has passed: an expired product is not received for infusion; contact the manufacturer.</source>
        <translation>Utgångsdatumet {0} har passerats: en utgången produkt tas inte emot för infusion; kontakta tillverkaren.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_receipt_dialog.py" line="64" />
        <source>The dry shipper's hold ends before the product was received; check both times.</source>
        <translation>Hålltiden går ut före mottagningen; kontrollera båda tiderna.</translation>
    </message>
</context>
<context>
    <name>RecordActualDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="51" />
        <source>Record what happened</source>
        <translation>Registrera vad som utförts</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="59" />
        <source>planned {0}</source>
        <translation>planerad {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="61" />
        <source>recorded</source>
        <translation>registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="65" />
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="71" />
        <source>optional</source>
        <translation>frivilligt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="74" />
        <source>optional, goes into the audit trail</source>
        <translation>frivilligt, sparas i loggen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="80" />
        <source>e.g. -175</source>
        <translation>t.ex. -175</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="97" />
        <source>e.g. 4.2</source>
        <translation>t.ex. 4,2</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="98" />
        <source>CD34+ cells collected (× 10⁶/kg)</source>
        <translation>Skördade CD34+-celler (× 10⁶/kg)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="103" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="104" />
        <source>Actual start</source>
        <translation>Faktisk start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="105" />
        <source>Actual end</source>
        <translation>Faktiskt slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="108" />
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="109" />
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="110" />
        <source>Cell lab</source>
        <translation>Cellaboratoriet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="112" />
        <source>Dry shipper hold until</source>
        <translation>Torrtransportbehållaren håller till</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="114" />
        <source>Highest storage temperature (°C)</source>
        <translation>Högsta förvaringstemperatur (°C)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="116" />
        <source>Add a temperature reading</source>
        <translation>Lägg till en temperaturavläsning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="119" />
        <source>Product expiry</source>
        <translation>Produktens utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="120" />
        <source>Chain-of-identity number</source>
        <translation>Identitetskedjans nummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="123" />
        <source>Record</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="130" />
        <source>Your role does not record the times of any event of this pathway.</source>
        <translation>Din roll registrerar inte tider för någon händelse i det här vårdförloppet.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="165" />
        <source>Target {0} over all collections; the other collections gave {1}.</source>
        <translation>Mål {0} för alla skördar tillsammans; övriga skördar gav {1}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="178" />
        <source>{0} readings logged</source>
        <translation>{0} avläsningar loggade</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="192" />
        <source>{0}: "{1}" is not a number</source>
        <translation>{0}: "{1}" är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="199" />
        <source>actual start</source>
        <translation>faktisk start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="200" />
        <source>actual end</source>
        <translation>faktiskt slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="202" />
        <source>The actual end {0} is before the actual start {1}.</source>
        <translation>Faktiskt slut {0} ligger före faktisk start {1}.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="210" />
        <source>dry shipper hold</source>
        <translation>torrtransportbehållarens hålltid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="212" />
        <source>The dry shipper hold needs a time as well as a date.</source>
        <translation>Torrtransportbehållarens hålltid behöver både datum och klockslag.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="215" />
        <source>highest storage temperature</source>
        <translation>högsta förvaringstemperatur</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="218" />
        <source>temperature</source>
        <translation>temperatur</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="221" />
        <source>A temperature reading needs the temperature in °C.</source>
        <translation>En temperaturavläsning behöver temperaturen i °C.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="222" />
        <source>reading time</source>
        <translation>avläsningstid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="224" />
        <source>A temperature reading needs a time as well as a date.</source>
        <translation>En temperaturavläsning behöver både datum och klockslag.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="228" />
        <source>product expiry</source>
        <translation>produktens utgångsdatum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="235" />
        <source>CD34+ cells</source>
        <translation>CD34+-celler</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_record_dialog.py" line="238" />
        <source>CD34+ cells cannot be negative.</source>
        <translation>Antalet CD34+-celler kan inte vara negativt.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="121" />
        <source>{0} Your entries are kept: check them and save again.</source>
        <translation>{0} Det du skrivit finns kvar: kontrollera och spara igen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="139" />
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
</context>
<context>
    <name>ReplanDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="65" />
        <source>Replan pathway {0}</source>
        <translation>Planera om vårdförlopp {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="69" />
        <source>Manufacturing delayed</source>
        <translation>Tillverkningen försenad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="70" />
        <source>Patient not fit for lymphodepletion (postpone it)</source>
        <translation>Patienten inte i skick för lymfodepletion (skjut upp den)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="71" />
        <source>Patient not fit for conditioning (postpone the busulfan days)</source>
        <translation>Patienten inte i skick för konditionering (skjut upp busulfandagarna)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="72" />
        <source>Product out of specification: remanufactured</source>
        <translation>Produkten utanför specifikation: tillverkas om</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="73" />
        <source>Infusion postponed or brought forward</source>
        <translation>Infusionen uppskjuten eller tidigarelagd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="74" />
        <source>Product delivery moved</source>
        <translation>Produktleveransen flyttad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="75" />
        <source>Mobilisation and apheresis cycles moved</source>
        <translation>Mobilisering och afereser flyttade</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="76" />
        <source>Apheresis moved</source>
        <translation>Aferesen flyttad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="96" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="96" />
        <source>Before</source>
        <translation>Före</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="96" />
        <source>After</source>
        <translation>Efter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="96" />
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="111" />
        <source>Apply the suggested repeat lymphodepletion as well</source>
        <translation>Genomför även den föreslagna upprepade lymfodepletionen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="113" />
        <source>Why? (required; goes into the audit trail)</source>
        <translation>Varför? (obligatoriskt; sparas i loggen)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="114" />
        <source>Proposal only: nothing is saved until you apply it with a reason.</source>
        <translation>Endast förslag: inget sparas förrän du genomför det med en orsak.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="118" />
        <source>Apply the new plan</source>
        <translation>Genomför den nya planen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="123" />
        <source>Only a coordinator may replan a pathway.</source>
        <translation>Endast en koordinator får planera om ett vårdförlopp.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="126" />
        <source>What changes</source>
        <translation>Vad som ändras</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="130" />
        <source>Findings that appear</source>
        <translation>Avvikelser som tillkommer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="132" />
        <source>Findings that disappear</source>
        <translation>Avvikelser som försvinner</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="134" />
        <source>Findings that remain</source>
        <translation>Avvikelser som kvarstår</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="143" />
        <source>What happened</source>
        <translation>Vad har hänt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="150" />
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="173" />
        <source>new run starts days after the first ended</source>
        <translation>ny tillverkning startar dagar efter att den första avslutades</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="176" />
        <source>by days (+ later, − earlier)</source>
        <translation>antal dagar (+ senare, − tidigare)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="206" />
        <source>No proposal: {0}</source>
        <translation>Inget förslag: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="228" />
        <source>moved</source>
        <translation>flyttad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="228" />
        <source>added</source>
        <translation>tillagd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="229" />
        <source>removed</source>
        <translation>borttagen</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="229" />
        <source>unchanged</source>
        <translation>oförändrad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="241" />
        <source>{0:+d} d</source>
        <translation>{0:+d} d</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="256" />
        <source>Suggestion: {0}</source>
        <translation>Förslag: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/pathway_replan_dialog.py" line="318" />
        <source>Give a reason to apply the new plan.</source>
        <translation>Ange en orsak för att genomföra den nya planen.</translation>
    </message>
</context>
<context>
    <name>ResourceDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="181" />
        <source>Change a resource</source>
        <translation>Ändra en resurs</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="181" />
        <source>Add a resource</source>
        <translation>Lägg till en resurs</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="201" />
        <source>Set inpatient days</source>
        <translation>Ange vårddagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="205" />
        <source> days after infusion</source>
        <translation> dagar efter infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="209" />
        <source>Not set: the bed is counted for the product's daily-monitoring period.</source>
        <translation>Inte angivet: vårdplatsen räknas under produktens period för daglig övervakning.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="213" />
        <source>why the capacity changes (required)</source>
        <translation>varför kapaciteten ändras (krävs)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="220" />
        <source>Kind:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="221" />
        <source>Name:</source>
        <translation>Namn:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="222" />
        <source>Capacity:</source>
        <translation>Kapacitet:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="223" />
        <source>Product:</source>
        <translation>Produkt:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="225" />
        <source>Inpatient days:</source>
        <translation>Vårddagar:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="228" />
        <source>Reason:</source>
        <translation>Orsak:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="271" />
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="279" />
        <source>Give the resource a name.</source>
        <translation>Ge resursen ett namn.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="304" />
        <source>Give a reason for the change; it goes into the audit trail.</source>
        <translation>Ange en orsak till ändringen; den sparas i granskningsloggen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="307" />
        <source>Nothing was changed.</source>
        <translation>Inget ändrades.</translation>
    </message>
</context>
<context>
    <name>ResourceTableModel</name>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="105" />
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="105" />
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="105" />
        <source>Capacity</source>
        <translation>Kapacitet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="105" />
        <source>Per</source>
        <translation>Per</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="105" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="106" />
        <source>Inpatient days</source>
        <translation>Vårddagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="127" />
        <source>label's monitoring</source>
        <translation>märkningens övervakning</translation>
    </message>
</context>
<context>
    <name>ResourceWords</name>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="49" />
        <source>Apheresis chairs</source>
        <translation>Aferesplatser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="50" />
        <source>Ward beds (CAR-T)</source>
        <translation>Vårdplatser (CAR-T)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="51" />
        <source>Cell-lab thaw slots</source>
        <translation>Upptiningstider i cellaboratoriet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="52" />
        <source>Manufacturing slots</source>
        <translation>Tillverkningsplatser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="57" />
        <source>collections per day</source>
        <translation>afereser per dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="58" />
        <source>patients per day</source>
        <translation>patienter per dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="59" />
        <source>thaws per day</source>
        <translation>upptiningar per dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="60" />
        <source>starts per week</source>
        <translation>starter per vecka</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="64" />
        <source>day</source>
        <translation>dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="64" />
        <source>week</source>
        <translation>vecka</translation>
    </message>
</context>
<context>
    <name>ResourcesEditor</name>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="352" />
        <source>Add…</source>
        <translation>Lägg till…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="353" />
        <source>Change…</source>
        <translation>Ändra…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="354" />
        <source>Remove…</source>
        <translation>Ta bort…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="357" />
        <source>Capacity per day (apheresis chairs, ward beds, thaw slots; none on days the unit is closed) or per ISO week (manufacturing slots, per product). Several resources of one kind at a site add up.</source>
        <translation>Kapacitet per dag (aferesplatser, vårdplatser, upptiningstider; ingen på dagar då enheten är stängd) eller per ISO-vecka (tillverkningsplatser, per produkt). Flera resurser av samma typ på en enhet läggs ihop.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="362" />
        <source>Site:</source>
        <translation>Enhet:</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="377" />
        <source>Read-only: only an administrator can change resources and capacity.</source>
        <translation>Endast läsning: bara en administratör kan ändra resurser och kapacitet.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="453" />
        <source>Remove a resource</source>
        <translation>Ta bort en resurs</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="454" />
        <source>Remove {0} ({1} {2})? Plans are no longer checked against it.</source>
        <translation>Ta bort {0} ({1} {2})? Planer kontrolleras då inte längre mot den.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="467" />
        <source>Removed {0}.</source>
        <translation>{0} borttagen.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/resources_editor.py" line="474" />
        <source>Saved {0}.</source>
        <translation>{0} sparad.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../atmp_desktop/ui/i18n.py" line="53" />
        <source>coordinator</source>
        <translation>koordinator</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/i18n.py" line="54" />
        <source>pharmacist</source>
        <translation>farmaceut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/i18n.py" line="55" />
        <source>nurse</source>
        <translation>sjuksköterska</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/i18n.py" line="56" />
        <source>administrator</source>
        <translation>administratör</translation>
    </message>
</context>
<context>
    <name>RuleText</name>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="33" />
        <source>Thaw to end of infusion</source>
        <extracomment>Where a rule lives: (indication id or None, rule name). ``apheresis_material`` is product-wide. Rules whose value is one whole number.</extracomment>
        <translation>Upptining till avslutad infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="34" />
        <source>Thaw to start of infusion</source>
        <translation>Upptining till infusionsstart</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="35" />
        <source>Storage temperature (highest)</source>
        <translation>Förvaringstemperatur (högst)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="36" />
        <source>Shelf life</source>
        <translation>Hållbarhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="37" />
        <source>Manufacturing time</source>
        <translation>Tillverkningstid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="38" />
        <source>Tocilizumab on hand</source>
        <translation>Tocilizumab tillgängligt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="39" />
        <source>Premedication</source>
        <translation>Premedicinering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="40" />
        <source>Infusion time</source>
        <translation>Infusionstid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="41" />
        <source>Daily monitoring</source>
        <translation>Daglig övervakning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="42" />
        <source>Stay near the centre</source>
        <translation>Stanna nära kliniken</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="43" />
        <source>No driving</source>
        <translation>Ingen bilkörning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="44" />
        <source>Split dose</source>
        <translation>Delad dos</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="45" />
        <source>Lymphodepletion regimen</source>
        <translation>Lymfodepleterande regim</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="46" />
        <source>Last LD day to infusion</source>
        <translation>Sista LD-dagen till infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="47" />
        <source>Apheresis material</source>
        <translation>Aferesmaterial</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="53" />
        <source>local protocol</source>
        <translation>lokalt protokoll</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="55" />
        <source>confirmed</source>
        <translation>bekräftat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="56" />
        <source>secondary source</source>
        <translation>sekundär källa</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="57" />
        <source>derived</source>
        <translation>härlett</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="58" />
        <source>not found</source>
        <translation>inte funnet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="59" />
        <source>not applicable</source>
        <translation>ej tillämpligt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="60" />
        <source>local override</source>
        <translation>lokal ändring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="65" />
        <source>the start of thaw</source>
        <translation>upptiningens start</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="66" />
        <source>removal from frozen storage</source>
        <translation>uttag ur fryslagret</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="67" />
        <source>the end of thaw</source>
        <translation>upptiningens slut</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="68" />
        <location filename="../../atmp_desktop/ui/product_rules.py" line="82" />
        <source>unknown</source>
        <translation>okänt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="72" />
        <source>rest days between (convention A: N days between = calendar N+1)</source>
        <translation>vilodagar emellan (räknesätt A: N dagar emellan = kalender N+1)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="73" />
        <source>calendar difference (convention B: calendar N)</source>
        <translation>kalenderskillnad (räknesätt B: kalender N)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="74" />
        <source>unknown convention: the window holds under both readings</source>
        <translation>okänt räknesätt: fönstret gäller med båda tolkningarna</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="75" />
        <source>the label's day numbers (infusion = day 0)</source>
        <translation>märkningens dagnummer (infusion = dag 0)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="79" />
        <source>fresh</source>
        <translation>färskt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="79" />
        <source>cryopreserved</source>
        <translation>kryokonserverat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="98" />
        <source>{0} min, counted from {1}</source>
        <translation>{0} min, räknat från {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="101" />
        <source>at or below {0} °C</source>
        <translation>högst {0} °C</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="103" />
        <source>{0} months</source>
        <translation>{0} månader</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="105" />
        <source>{0} days</source>
        <translation>{0} dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="107" />
        <source>{0} dose(s) before infusion</source>
        <translation>{0} dos(er) före infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="109" />
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="111" />
        <source>{0} days after infusion</source>
        <translation>{0} dagar efter infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="116" />
        <source>{0}; timing unknown</source>
        <translation>{0}; tidpunkt okänd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="117" />
        <source>{0}; {1}–{2} min before infusion</source>
        <translation>{0}; {1}–{2} min före infusion</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="119" />
        <source>second part {0} days after the first (± {1}); at most {2} days after</source>
        <translation>andra delen {0} dagar efter den första (± {1}); högst {2} dagar efter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="125" />
        <source>at least {0} calendar days, no upper limit found (planned {1})</source>
        <translation>minst {0} kalenderdagar, ingen övre gräns funnen (planerat {1})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="127" />
        <source>{0}–{1} calendar days (planned {2})</source>
        <translation>{0}–{1} kalenderdagar (planerat {2})</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/product_rules.py" line="129" />
        <source> or </source>
        <translation> eller </translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="34" />
        <source>Chain of identity — scan each label</source>
        <translation>Identitetskedja — skanna varje etikett</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="57" />
        <source>scan, or type and press Enter</source>
        <translation>skanna, eller skriv och tryck Enter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="68" />
        <source>(if at hand)</source>
        <translation>(om den finns till hands)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="78" />
        <source>Second person (user name)</source>
        <translation>Andra person (användarnamn)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="79" />
        <source>Second person's password</source>
        <translation>Andra personens lösenord</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="80" />
        <source>A scanner types the code and Enter. A code typed by hand is accepted and recorded as typed. Nothing is recorded unless every label matches this pathway.</source>
        <translation>En streckkodsläsare skriver koden och Enter. En kod som skrivs för hand godtas och registreras som inskriven. Inget registreras om inte varje etikett stämmer med vårdförloppet.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="109" />
        <source>scanned</source>
        <translation>skannad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="109" />
        <source>typed</source>
        <translation>inskriven</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/scan_panel.py" line="113" />
        <source>matches ({0})</source>
        <translation>stämmer ({0})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="44" />
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="55" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="56" />
        <source>The window locks after this many minutes without keyboard or mouse use.</source>
        <translation>Fönstret låses efter så här många minuter utan att tangentbord eller mus används.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="59" />
        <source>All sites</source>
        <translation>Alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="65" />
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="66" />
        <source>Lock the window after</source>
        <translation>Lås fönstret efter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="67" />
        <source>Default site</source>
        <translation>Standardenhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="72" />
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/settings_dialog.py" line="76" />
        <source>Error log</source>
        <translation>Fellogg</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="58" />
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="58" />
        <source>Sign in — {0}</source>
        <translation>Logga in — {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="64" />
        <source>The window is locked</source>
        <translation>Fönstret är låst</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="70" />
        <source>Locked after {0} minutes without activity. </source>
        <translation>Låst efter {0} minuter utan aktivitet. </translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="72" />
        <source>{0} ({1}) was signed in. Enter the password to continue, or sign in as someone else.</source>
        <translation>{0} ({1}) var inloggad. Ange lösenordet för att fortsätta, eller logga in som någon annan.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="75" />
        <source>Sign in with your user name and password.</source>
        <translation>Logga in med ditt användarnamn och lösenord.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="84" />
        <source>Database: {0}</source>
        <translation>Databas: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="92" />
        <location filename="../../atmp_desktop/ui/signin.py" line="98" />
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="96" />
        <location filename="../../atmp_desktop/ui/signin.py" line="99" />
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="116" />
        <location filename="../../atmp_desktop/ui/signin.py" line="138" />
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="116" />
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="122" />
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="138" />
        <source>Sign in as {0}</source>
        <translation>Logga in som {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="144" />
        <source>Enter your user name.</source>
        <translation>Ange ditt användarnamn.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/signin.py" line="152" />
        <source>Unknown user or wrong password. Check both and try again.</source>
        <translation>Okänd användare eller fel lösenord. Kontrollera båda och försök igen.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="213" />
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="214" />
        <source>The application could not start. Your data was not changed.

Details were written to {0}</source>
        <translation>Programmet kunde inte starta. Dina data har inte ändrats.

Detaljer har skrivits till {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="221" />
        <source>The application did not open the file and did not change it.</source>
        <translation>Programmet öppnade inte filen och ändrade den inte.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="226" />
        <source>Backup made: {0}</source>
        <translation>Säkerhetskopia gjord: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/errors.py" line="230" />
        <source>The start-up backup failed: {0} (details: {1})</source>
        <translation>Säkerhetskopieringen vid start misslyckades: {0} (detaljer: {1})</translation>
    </message>
</context>
<context>
    <name>StorageDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="147" />
        <source>Record placed in storage</source>
        <translation>Registrera placerad i förvaring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="153" />
        <source>°C, e.g. -180</source>
        <translation>°C, t.ex. -180</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="154" />
        <source>Placed in storage at</source>
        <translation>Placerad i förvaring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="155" />
        <source>Temperature at placement (°C)</source>
        <translation>Temperatur vid placering (°C)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="157" />
        <source>Storage limit unknown — confirm with the pharmacist</source>
        <translation>Förvaringsgränsen okänd — bekräfta med farmaceuten</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="159" />
        <source>Limit: at or below {0} °C</source>
        <translation>Gräns: {0} °C eller kallare</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="165" />
        <source>Enter the temperature read when the product was placed in storage.</source>
        <translation>Ange temperaturen som lästes av när produkten placerades i förvaring.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_dialogs.py" line="169" />
        <source>{0} is not a temperature in °C.</source>
        <translation>{0} är inte en temperatur i °C.</translation>
    </message>
</context>
<context>
    <name>ThawDialog</name>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="25" />
        <source>Record thaw started</source>
        <translation>Registrera påbörjad upptining</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="32" />
        <source>Removed from frozen storage at</source>
        <translation>Uttagen ur frysförvaring</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="32" />
        <source>Thaw started at</source>
        <translation>Upptining påbörjad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="34" />
        <source>Infuse by</source>
        <translation>Infundera senast</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="43" />
        <source>Limit unknown — confirm with the pharmacist</source>
        <translation>Gränsen okänd — bekräfta med farmaceuten</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/celllab_thaw_dialog.py" line="52" />
        <source>{0} ({1} min after this time)</source>
        <translation>{0} ({1} min efter denna tid)</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="122" />
        <source>Pathway timeline</source>
        <extracomment>The calendar activity whose closed days matter for each event kind (None: not staffed by us). Days shown after the infusion at least (the labels' monitoring and stay-near periods).</extracomment>
        <translation>Vårdförloppets tidslinje</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="271" />
        <source>closed</source>
        <translation>stängt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="277" />
        <source>planned {0}</source>
        <translation>planerad {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="280" />
        <source>actual {0}</source>
        <translation>faktisk {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="282" />
        <source>done</source>
        <translation>utförd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="298" />
        <source>Planned: {0}</source>
        <translation>Planerad: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="303" />
        <source>Actual: {0}</source>
        <translation>Faktisk: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="306" />
        <source>{0}: see the findings list</source>
        <translation>{0}: se listan över avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="308" />
        <source>Drag to move by whole days</source>
        <translation>Dra för att flytta hela dagar</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="313" />
        <source>day {0}</source>
        <translation>dag {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="319" />
        <source>Closed: {0}</source>
        <translation>Stängt: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="321" />
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="342" />
        <source>No events to show.</source>
        <translation>Inga händelser att visa.</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="452" />
        <source>{0:+d} d → {1}</source>
        <translation>{0:+d} d → {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="476" />
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="478" />
        <source>label day</source>
        <translation>dag enligt produktresumén</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="511" />
        <source>planned</source>
        <translation>planerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="512" />
        <source>happened</source>
        <translation>utförd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="513" />
        <source>unit closed</source>
        <translation>enheten stängd</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="514" />
        <source>today</source>
        <translation>idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/timeline.py" line="517" />
        <source>drag a planned bar to move it by days</source>
        <translation>dra en planerad stapel för att flytta den hela dagar</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="89" />
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="89" />
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="89" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="89" />
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="89" />
        <source>Personnummer</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="90" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="90" />
        <source>Site</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="90" />
        <source>Open findings</source>
        <translation>Öppna avvikelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="264" />
        <source>1 event</source>
        <translation>1 händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="266" />
        <source>{0} events</source>
        <translation>{0} händelser</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="262" />
        <source>nothing planned</source>
        <translation>inget planerat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="288" />
        <source>day {0} of {1}</source>
        <translation>dag {0} av {1}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="305" />
        <location filename="../../atmp_desktop/ui/today_model.py" line="306" />
        <source>none</source>
        <translation>inga</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="315" />
        <source>Done: actual time recorded</source>
        <translation>Klart: faktisk tid registrerad</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_model.py" line="317" />
        <source>Day number per the label: infusion is day 0</source>
        <translation>Dagnummer enligt produktinformationen: infusionen är dag 0</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="68" />
        <source>Open pathway</source>
        <extracomment>Pathways whose findings are computed per turn of the event loop. The findings start this long after the list first shows (the window settles first). Emitted once the list has been painted for the first time (start-up benchmark, screenshots). Emitted when every listed pathway's findings are loaded.</extracomment>
        <translation>Öppna vårdförlopp</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="72" />
        <source>Print tomorrow's checklists…</source>
        <translation>Skriv ut morgondagens checklistor…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="139" />
        <location filename="../../atmp_desktop/ui/today_view.py" line="144" />
        <source>Today, {0}</source>
        <translation>Idag, {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="145" />
        <source>Tomorrow, {0}</source>
        <translation>Imorgon, {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="151" />
        <source>Checking {0} pathways…</source>
        <translation>Kontrollerar {0} vårdförlopp…</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="158" />
        <source>Today</source>
        <translation>Idag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="158" />
        <source>Tomorrow</source>
        <translation>Imorgon</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="161" />
        <source>nothing planned</source>
        <translation>inget planerat</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="162" />
        <source>all sites</source>
        <translation>alla enheter</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="163" />
        <source>Showing: {0}</source>
        <translation>Visar: {0}</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/today_view.py" line="250" />
        <source>Printing checklists is not available in this build.</source>
        <translation>Utskrift av checklistor finns inte i den här versionen.</translation>
    </message>
</context>
</TS>