<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE">
<context>
    <name>Findings</name>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="27" />
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="28" />
        <source>Warning</source>
        <translation>Varning</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="29" />
        <source>Note</source>
        <translation>Notering</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/findings.py" line="62" />
        <source>No findings.</source>
        <translation>Inga avvikelser.</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="48" />
        <source>Apheresis on</source>
        <translation>Aferes den</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="49" />
        <source>Infusion on</source>
        <translation>Infusion den</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="58" />
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="59" />
        <source>Indication</source>
        <translation>Indikation</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="60" />
        <source>Region (label)</source>
        <translation>Region (märkning)</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="66" />
        <source>Plan from</source>
        <translation>Planera från</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="71" />
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="71" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="71" />
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="71" />
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location filename="../../atmp_desktop/ui/plan_view.py" line="144" />
        <source>Infusion (day 0) {0}. Stay near the centre until {1}; no driving until {2}.</source>
        <translation>Infusion (dag 0) {0}. Stanna nära kliniken till {1}; ingen bilkörning till {2}.</translation>
    </message>
</context>
</TS>