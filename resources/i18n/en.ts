<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin/page.py" line="39"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="40"/>
        <source>Institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="41"/>
        <source>Identity merge queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42"/>
        <location filename="../../ui/admin/page.py" line="44"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42"/>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="43"/>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="43"/>
        <source>Locked until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="44"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="45"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="45"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="46"/>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="46"/>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="60"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="63"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="65"/>
        <source>Server: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67"/>
        <source>User: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="69"/>
        <source>Pending changes: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="70"/>
        <source>Refused: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="73"/>
        <source>Last sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="85"/>
        <source>Institution: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../../ui/doctor/page.py" line="64"/>
        <source>Patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="64"/>
        <source>No patient selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="65"/>
        <source>Name, pinyin, ID number, phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="68"/>
        <source>Reading queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="69"/>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="69"/>
        <location filename="../../ui/doctor/page.py" line="88"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70"/>
        <location filename="../../ui/doctor/page.py" line="77"/>
        <location filename="../../ui/doctor/page.py" line="89"/>
        <source>Exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="72"/>
        <location filename="../../ui/doctor/page.py" line="74"/>
        <source>Patient 360</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="73"/>
        <source>Select a patient to see their history across the consortium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="74"/>
        <source>Exam orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75"/>
        <source>Prescriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75"/>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77"/>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77"/>
        <source>Executed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="78"/>
        <source>Slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="78"/>
        <location filename="../../ui/doctor/page.py" line="80"/>
        <location filename="../../ui/doctor/page.py" line="82"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79"/>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79"/>
        <source>Drugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="80"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="82"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="83"/>
        <source>Report inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="84"/>
        <source>Ordered here, done here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="85"/>
        <source>Ordered here, done elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="86"/>
        <source>Ordered elsewhere, done here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="88"/>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="89"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="138"/>
        <source>Enter the server address, your user name and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="158"/>
        <source>Login failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="174"/>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="185"/>
        <source>Log in — County Consortium Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="186"/>
        <source>County Consortium Clinical Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="187"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="187"/>
        <location filename="../../ui/login_dialog.py" line="195"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="188"/>
        <location filename="../../ui/login_dialog.py" line="197"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="188"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="191"/>
        <source>e.g. http://127.0.0.1:8000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="192"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="193"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="194"/>
        <source>Demo accounts on this server (click one to fill in):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="195"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="195"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="196"/>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="196"/>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Offline: uploads start when the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>County Consortium Workstation — {name}, {institution}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <location filename="../../ui/main_window.py" line="181"/>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>Log out of the workstation?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="34"/>
        <source>The server address is not valid. Use a form like http://192.0.2.10:8000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37"/>
        <source>The user name or password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39"/>
        <source>This account is locked after repeated failed logins. Try again after {time}, or ask the consortium administrator to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>This account is disabled. Ask the consortium administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45"/>
        <source>The server cannot be reached, and this user has never logged in online on this computer, so an offline login is not possible. Check the network and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50"/>
        <source>The server cannot be reached and the password does not match the one last used online on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53"/>
        <source>The server cannot be reached. Check the network and the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55"/>
        <source>The server reported an error ({status}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59"/>
        <source>The local data file cannot be opened: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61"/>
        <source>Your session has ended. Please log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63"/>
        <source>You are not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64"/>
        <source>Unexpected error: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="68"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="72"/>
        <source>Local data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="76"/>
        <source>The local data file on this computer was damaged. It has been kept aside at {path} and a new one was created; your data will be downloaded again from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85"/>
        <source>Login is not remembered: the only keyring here would store it as plain text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="88"/>
        <source>Login is not remembered: the system keyring did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="89"/>
        <source>Login is not remembered on this computer (no system keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="94"/>
        <location filename="../../ui/messages.py" line="107"/>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="95"/>
        <source>ECG reading physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96"/>
        <source>Imaging reading physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="97"/>
        <source>ECG technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="98"/>
        <source>Imaging technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99"/>
        <location filename="../../ui/messages.py" line="109"/>
        <source>Pharmacist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="100"/>
        <source>Consortium administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108"/>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="110"/>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="117"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="118"/>
        <source>Exam order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="119"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="120"/>
        <source>Prescription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="121"/>
        <source>Pharmacist review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="122"/>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="130"/>
        <source>Only the person or institution that owns this record may change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="132"/>
        <source>This record belongs to an institution you do not work for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="134"/>
        <source>The status can only move forward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="135"/>
        <source>A pharmacist review cannot be changed once made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="136"/>
        <source>A signed report can only be amended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="137"/>
        <source>Someone else changed this record first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="138"/>
        <source>Identity details were changed elsewhere at the same time; the administrator will decide which are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="141"/>
        <source>The server found the data incomplete or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="143"/>
        <source>The server does not know this kind of record; update the workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="145"/>
        <source>The record was deleted elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="153"/>
        <source>Open the record, check it, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="155"/>
        <source>Nothing to do now; the change waits for the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="157"/>
        <source>Update the workstation, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="158"/>
        <source>Ask the record&apos;s owner to make the change, then discard yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="164"/>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="166"/>
        <source>Offline: changes wait and are sent when the server can be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="168"/>
        <source>The last sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="169"/>
        <source>The server needs a newer workstation: please update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="171"/>
        <source>Log in again to resume syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="172"/>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PharmacistPage</name>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="80"/>
        <source>Review queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="81"/>
        <source>All institutions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="82"/>
        <source>All finding categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87"/>
        <location filename="../../ui/pharmacist/page.py" line="99"/>
        <source>Institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="88"/>
        <location filename="../../ui/pharmacist/page.py" line="99"/>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="88"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="89"/>
        <source>Patient context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="90"/>
        <source>Select a prescription from the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91"/>
        <source>Drug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91"/>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91"/>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92"/>
        <source>Frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92"/>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="93"/>
        <source>Pre-review findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="94"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="95"/>
        <source>Return to doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="96"/>
        <source>Prescription review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="97"/>
        <source>Prescription comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="98"/>
        <location filename="../../ui/pharmacist/page.py" line="101"/>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="99"/>
        <source>Sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="100"/>
        <source>Comment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="100"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="102"/>
        <source>Review rate, intervention rate and rationality rate by institution, doctor and period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45"/>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="86"/>
        <source>Waiting to be sent: {pending}    Last successful sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="118"/>
        <source>Discard change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="119"/>
        <source>Discard this refused change? What was typed in it will not be sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="121"/>
        <location filename="../../ui/sync_panel.py" line="134"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="122"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="128"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="129"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="130"/>
        <source>Changes the server refused:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>What you can do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="133"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <location filename="../../ui/technician/page.py" line="63"/>
        <source>Choose files to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="74"/>
        <source>Worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75"/>
        <source>Exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="76"/>
        <source>Ordered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="76"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="79"/>
        <source>import an ECG from the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="81"/>
        <source>receive or import a DICOM study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="82"/>
        <source>Select a worklist entry, then {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="82"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="83"/>
        <location filename="../../ui/technician/page.py" line="84"/>
        <source>Acquire and view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="85"/>
        <source>Slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86"/>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86"/>
        <source>Own quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="87"/>
        <source>Others&apos; quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="87"/>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="88"/>
        <source>Upload queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="89"/>
        <source>Choose files to upload…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UploadRow</name>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="128"/>
        <source>{sent} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="131"/>
        <source>{progress} · {speed}/s · {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="134"/>
        <source>Paused at {progress}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="136"/>
        <source>Uploaded and verified by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="138"/>
        <source>Cancelled at {progress}; resuming continues from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="142"/>
        <source>Stopped: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="146"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="148"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="149"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="151"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
