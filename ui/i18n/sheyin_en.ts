<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <location filename="../screens/identify.py" line="82"/>
        <source>Wrong PIN. %n try(ies) left before the card is locked.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left before the card is locked.</numerusform>
            <numerusform>Wrong PIN. %n tries left before the card is locked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/query.py" line="142"/>
        <source>%n month(s) paid</source>
        <translation>
            <numerusform>%n month paid</numerusform>
            <numerusform>%n months paid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/idle.py" line="46"/>
        <source>For your privacy, the session will end in %n second(s) and your information will be cleared from the screen.</source>
        <translation>
            <numerusform>For your privacy, the session will end in %n second and your information will be cleared from the screen.</numerusform>
            <numerusform>For your privacy, the session will end in %n seconds and your information will be cleared from the screen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/bars.py" line="52"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/eligibility.py" line="167"/>
        <source>%n attempt(s) left.</source>
        <translation>
            <numerusform>%n attempt left.</numerusform>
            <numerusform>%n attempts left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/payment.py" line="336"/>
        <source>Wrong bank PIN. %n try(ies) left.</source>
        <translation>
            <numerusform>Wrong bank PIN. %n try left.</numerusform>
            <numerusform>Wrong bank PIN. %n tries left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/maintenance.py" line="58"/>
        <source>Please finish within %n second(s). Nothing you have already sent is lost. Afterwards, take your social security card and ID card with you.</source>
        <translation>
            <numerusform>Please finish within %n second. Nothing you have already sent is lost. Afterwards, take your social security card and ID card with you.</numerusform>
            <numerusform>Please finish within %n seconds. Nothing you have already sent is lost. Afterwards, take your social security card and ID card with you.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../staff/bar.py" line="57"/>
        <source>Sync: %n waiting</source>
        <translation>
            <numerusform>Sync: %n waiting</numerusform>
            <numerusform>Sync: %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../staff/role.py" line="455"/>
        <source>Sent: %n</source>
        <translation>
            <numerusform>Sent: %n</numerusform>
            <numerusform>Sent: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
