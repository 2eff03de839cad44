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
        <location filename="../../ui/status_bar.py" line="46"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="49"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="51"/>
        <source>Server: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="53"/>
        <source>User: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="55"/>
        <source>Pending changes: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67"/>
        <source>Institution: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../../ui/doctor/page.py" line="62"/>
        <source>Patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="62"/>
        <source>No patient selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="63"/>
        <source>Name, pinyin, ID number, phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="66"/>
        <source>Reading queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="67"/>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="67"/>
        <location filename="../../ui/doctor/page.py" line="86"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="68"/>
        <location filename="../../ui/doctor/page.py" line="75"/>
        <location filename="../../ui/doctor/page.py" line="87"/>
        <source>Exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="68"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="68"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70"/>
        <location filename="../../ui/doctor/page.py" line="72"/>
        <source>Patient 360</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="71"/>
        <source>Select a patient to see their history across the consortium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="72"/>
        <source>Exam orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="73"/>
        <source>Prescriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="73"/>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75"/>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75"/>
        <source>Executed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="76"/>
        <source>Slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="76"/>
        <location filename="../../ui/doctor/page.py" line="78"/>
        <location filename="../../ui/doctor/page.py" line="80"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77"/>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77"/>
        <source>Drugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="78"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="80"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81"/>
        <source>Report inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="82"/>
        <source>Ordered here, done here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="83"/>
        <source>Ordered here, done elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="84"/>
        <source>Ordered elsewhere, done here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="86"/>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="87"/>
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
        <location filename="../../ui/main_window.py" line="123"/>
        <source>County Consortium Workstation — {name}, {institution}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>Modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <location filename="../../ui/main_window.py" line="137"/>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>Log out of the workstation?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
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
    <name>TechnicianPage</name>
    <message>
        <location filename="../../ui/technician/page.py" line="40"/>
        <source>Worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="41"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="41"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="41"/>
        <source>Exam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="42"/>
        <source>Ordered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="42"/>
        <location filename="../../ui/technician/page.py" line="56"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="45"/>
        <source>import an ECG from the cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="47"/>
        <source>receive or import a DICOM study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="48"/>
        <source>Select a worklist entry, then {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="48"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="49"/>
        <location filename="../../ui/technician/page.py" line="50"/>
        <source>Acquire and view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="51"/>
        <source>Slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="52"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="52"/>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="52"/>
        <source>Own quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="53"/>
        <source>Others&apos; quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="53"/>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="54"/>
        <source>Upload queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="55"/>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="55"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="55"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
