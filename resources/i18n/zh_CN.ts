<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin/page.py" line="39" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="40" />
        <source>Institutions</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="41" />
        <source>Identity merge queue</source>
        <translation>身份合并待办</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42" />
        <location filename="../../ui/admin/page.py" line="44" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="42" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="43" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="43" />
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="44" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="45" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="45" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="46" />
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../ui/admin/page.py" line="46" />
        <source>Raised</source>
        <translation>提出时间</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="60" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="63" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="65" />
        <source>Server: {url}</source>
        <translation>服务器：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="67" />
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="69" />
        <source>Pending changes: {n}</source>
        <translation>待同步：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="70" />
        <source>Refused: {n}</source>
        <translation>被拒：{n}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="73" />
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="85" />
        <source>Institution: {name}</source>
        <translation>机构：{name}</translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../../ui/doctor/page.py" line="64" />
        <source>Patients</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="64" />
        <source>No patient selected</source>
        <translation>未选择患者</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="65" />
        <source>Name, pinyin, ID number, phone</source>
        <translation>姓名、拼音、身份证号、电话</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="68" />
        <source>Reading queue</source>
        <translation>判读队列</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="69" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="69" />
        <location filename="../../ui/doctor/page.py" line="88" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70" />
        <location filename="../../ui/doctor/page.py" line="77" />
        <location filename="../../ui/doctor/page.py" line="89" />
        <source>Exam</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70" />
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="70" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="72" />
        <location filename="../../ui/doctor/page.py" line="74" />
        <source>Patient 360</source>
        <translation>患者360视图</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="73" />
        <source>Select a patient to see their history across the consortium</source>
        <translation>选择患者后显示其在医共体内的全部诊疗记录</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="74" />
        <source>Exam orders</source>
        <translation>检查申请</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75" />
        <source>Prescriptions</source>
        <translation>处方</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="75" />
        <source>Referrals</source>
        <translation>转诊</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77" />
        <source>Ordered</source>
        <translation>开单时间</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="77" />
        <source>Executed at</source>
        <translation>执行机构</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="78" />
        <source>Slot</source>
        <translation>号源</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="78" />
        <location filename="../../ui/doctor/page.py" line="80" />
        <location filename="../../ui/doctor/page.py" line="82" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79" />
        <source>Written</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="79" />
        <source>Drugs</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="80" />
        <source>Review</source>
        <translation>审方</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81" />
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="81" />
        <source>To</source>
        <translation>转至</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="82" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="83" />
        <source>Report inbox</source>
        <translation>报告收件箱</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="84" />
        <source>Ordered here, done here</source>
        <translation>本院开单·本院执行</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="85" />
        <source>Ordered here, done elsewhere</source>
        <translation>本院开单·外院执行</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="86" />
        <source>Ordered elsewhere, done here</source>
        <translation>外院开单·本院执行</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="88" />
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../ui/doctor/page.py" line="89" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="138" />
        <source>Enter the server address, your user name and your password.</source>
        <translation>请输入服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="158" />
        <source>Login failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="174" />
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="185" />
        <source>Log in — County Consortium Workstation</source>
        <translation>登录 — 县域医共体临床工作站</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="186" />
        <source>County Consortium Clinical Workstation</source>
        <translation>县域医共体临床工作站</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="187" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="187" />
        <location filename="../../ui/login_dialog.py" line="195" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="188" />
        <location filename="../../ui/login_dialog.py" line="197" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="188" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="191" />
        <source>e.g. http://127.0.0.1:8000</source>
        <translation>例如 http://127.0.0.1:8000</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="192" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="193" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="194" />
        <source>Demo accounts on this server (click one to fill in):</source>
        <translation>本服务器的演示账号（点击一行即可填入）：</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="195" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="195" />
        <source>Title</source>
        <translation>职称</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="196" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="196" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="131" />
        <source>Offline: uploads start when the server can be reached.</source>
        <translation>离线：连上服务器后才能开始上传。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166" />
        <source>County Consortium Workstation — {name}, {institution}</source>
        <translation>县域医共体临床工作站 — {name}，{institution}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>Modes</source>
        <translation>工作模式</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173" />
        <location filename="../../ui/main_window.py" line="181" />
        <location filename="../../ui/main_window.py" line="183" />
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>Log out of the workstation?</source>
        <translation>确定退出登录吗？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>The server address is not valid. Use a form like http://192.0.2.10:8000.</source>
        <translation>服务器地址无效，请使用类似 http://192.0.2.10:8000 的格式。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37" />
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39" />
        <source>This account is locked after repeated failed logins. Try again after {time}, or ask the consortium administrator to unlock it.</source>
        <translation>多次登录失败，账户已被锁定。请于 {time} 之后再试，或请医共体管理员解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43" />
        <source>This account is disabled. Ask the consortium administrator.</source>
        <translation>该账户已停用，请联系医共体管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45" />
        <source>The server cannot be reached, and this user has never logged in online on this computer, so an offline login is not possible. Check the network and try again.</source>
        <translation>无法连接服务器，且该用户从未在本机联网登录过，因此无法离线登录。请检查网络后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50" />
        <source>The server cannot be reached and the password does not match the one last used online on this computer.</source>
        <translation>无法连接服务器，且密码与该用户上次在本机联网登录时使用的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53" />
        <source>The server cannot be reached. Check the network and the server address.</source>
        <translation>无法连接服务器，请检查网络和服务器地址。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>The server reported an error ({status}). Try again later.</source>
        <translation>服务器出错（{status}），请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59" />
        <source>The local data file cannot be opened: {path}</source>
        <translation>无法打开本地数据文件：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61" />
        <source>Your session has ended. Please log in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63" />
        <source>You are not allowed to do this.</source>
        <translation>您无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64" />
        <source>Unexpected error: {code}</source>
        <translation>意外错误：{code}</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="68" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="72" />
        <source>Local data</source>
        <translation>本地数据</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="76" />
        <source>The local data file on this computer was damaged. It has been kept aside at {path} and a new one was created; your data will be downloaded again from the server.</source>
        <translation>本机的本地数据文件已损坏。原文件已另存于 {path}，并已新建数据文件；数据将从服务器重新下载。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85" />
        <source>Login is not remembered: the only keyring here would store it as plain text.</source>
        <translation>登录状态不会保存：本机唯一可用的密钥环会以明文保存。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="88" />
        <source>Login is not remembered: the system keyring did not answer.</source>
        <translation>登录状态不会保存：系统密钥环无响应。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="89" />
        <source>Login is not remembered on this computer (no system keyring).</source>
        <translation>本机没有系统密钥环，登录状态不会保存。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="94" />
        <location filename="../../ui/messages.py" line="107" />
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="95" />
        <source>ECG reading physician</source>
        <translation>心电诊断医师</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96" />
        <source>Imaging reading physician</source>
        <translation>影像诊断医师</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="97" />
        <source>ECG technician</source>
        <translation>心电技师</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="98" />
        <source>Imaging technician</source>
        <translation>影像技师</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99" />
        <location filename="../../ui/messages.py" line="109" />
        <source>Pharmacist</source>
        <translation>药师</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="100" />
        <source>Consortium administrator</source>
        <translation>医共体管理员</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="108" />
        <source>Technician</source>
        <translation>医技</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="110" />
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="117" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="118" />
        <source>Exam order</source>
        <translation>检查申请</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="119" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="120" />
        <source>Prescription</source>
        <translation>处方</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="121" />
        <source>Pharmacist review</source>
        <translation>审方意见</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="122" />
        <source>Referral</source>
        <translation>转诊</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="130" />
        <source>Only the person or institution that owns this record may change it.</source>
        <translation>只有该记录的所有者（本人或所属机构）可以修改。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="132" />
        <source>This record belongs to an institution you do not work for.</source>
        <translation>该记录属于您不在职的机构。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="134" />
        <source>The status can only move forward.</source>
        <translation>状态只能向前推进，不能回退。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="135" />
        <source>A pharmacist review cannot be changed once made.</source>
        <translation>药师审核意见一经作出不可修改。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="136" />
        <source>A signed report can only be amended.</source>
        <translation>已签发的报告只能更正，不能覆盖。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="137" />
        <source>Someone else changed this record first.</source>
        <translation>他人已先修改了该记录。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="138" />
        <source>Identity details were changed elsewhere at the same time; the administrator will decide which are right.</source>
        <translation>身份信息在别处被同时修改，将由管理员裁定哪一份正确。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="141" />
        <source>The server found the data incomplete or invalid.</source>
        <translation>服务器认为数据不完整或无效。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="143" />
        <source>The server does not know this kind of record; update the workstation.</source>
        <translation>服务器不认识此类记录，请更新工作站。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="145" />
        <source>The record was deleted elsewhere.</source>
        <translation>该记录已在别处被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="153" />
        <source>Open the record, check it, then retry.</source>
        <translation>请打开记录核对后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="155" />
        <source>Nothing to do now; the change waits for the administrator.</source>
        <translation>暂无需操作，该修改正等待管理员处理。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="157" />
        <source>Update the workstation, then retry.</source>
        <translation>请更新工作站后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="158" />
        <source>Ask the record's owner to make the change, then discard yours.</source>
        <translation>请联系记录所有者修改，然后放弃您的这条修改。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="164" />
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="166" />
        <source>Offline: changes wait and are sent when the server can be reached</source>
        <translation>离线：修改已保存在本机，连上服务器后自动发送</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="168" />
        <source>The last sync failed</source>
        <translation>上次同步失败</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="169" />
        <source>The server needs a newer workstation: please update</source>
        <translation>服务器需要更新版本的工作站，请升级</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="171" />
        <source>Log in again to resume syncing</source>
        <translation>请重新登录以继续同步</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="172" />
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
</context>
<context>
    <name>PharmacistPage</name>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="80" />
        <source>Review queue</source>
        <translation>审方队列</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="81" />
        <source>All institutions</source>
        <translation>全部机构</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="82" />
        <source>All finding categories</source>
        <translation>全部问题类别</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87" />
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="87" />
        <location filename="../../ui/pharmacist/page.py" line="99" />
        <source>Institution</source>
        <translation>机构</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="88" />
        <location filename="../../ui/pharmacist/page.py" line="99" />
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="88" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="89" />
        <source>Patient context</source>
        <translation>患者信息</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="90" />
        <source>Select a prescription from the queue</source>
        <translation>请从队列中选择处方</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91" />
        <source>Drug</source>
        <translation>药品</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91" />
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="91" />
        <source>Route</source>
        <translation>给药途径</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92" />
        <source>Frequency</source>
        <translation>频次</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="92" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="93" />
        <source>Pre-review findings</source>
        <translation>前置审方结果</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="94" />
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="95" />
        <source>Return to doctor</source>
        <translation>退回医生</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="96" />
        <source>Prescription review</source>
        <translation>处方审核</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="97" />
        <source>Prescription comments</source>
        <translation>处方点评</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="98" />
        <location filename="../../ui/pharmacist/page.py" line="101" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="99" />
        <source>Sampled</source>
        <translation>抽样时间</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="100" />
        <source>Comment code</source>
        <translation>点评代码</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="100" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/pharmacist/page.py" line="102" />
        <source>Review rate, intervention rate and rationality rate by institution, doctor and period</source>
        <translation>按机构、医生和时段统计审方率、干预率和合理率</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45" />
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="86" />
        <source>Waiting to be sent: {pending}    Last successful sync: {time}</source>
        <translation>待发送：{pending}    上次成功同步：{time}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="118" />
        <source>Discard change</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="119" />
        <source>Discard this refused change? What was typed in it will not be sent to the server.</source>
        <translation>确定放弃这条被拒绝的修改吗？其中录入的内容将不会发送到服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="121" />
        <location filename="../../ui/sync_panel.py" line="134" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="122" />
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="128" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="129" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="130" />
        <source>Changes the server refused:</source>
        <translation>服务器拒绝的修改：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132" />
        <source>What you can do</source>
        <translation>处理建议</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132" />
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="133" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <location filename="../../ui/technician/page.py" line="63" />
        <source>Choose files to upload</source>
        <translation>选择要上传的文件</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="74" />
        <source>Worklist</source>
        <translation>工作列表</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="75" />
        <source>Exam</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="76" />
        <source>Ordered by</source>
        <translation>开单医生</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="76" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="79" />
        <source>import an ECG from the cart</source>
        <translation>从心电图机导入心电图</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="81" />
        <source>receive or import a DICOM study</source>
        <translation>接收或导入 DICOM 检查</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="82" />
        <source>Select a worklist entry, then {what}.</source>
        <translation>请选择工作列表中的一项，然后{what}。</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="82" />
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="83" />
        <location filename="../../ui/technician/page.py" line="84" />
        <source>Acquire and view</source>
        <translation>采集与查看</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="85" />
        <source>Slots</source>
        <translation>号源管理</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86" />
        <source>Segment</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="86" />
        <source>Own quota</source>
        <translation>本院号额</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="87" />
        <source>Others' quota</source>
        <translation>外院号额</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="87" />
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="88" />
        <source>Upload queue</source>
        <translation>上传队列</translation>
    </message>
    <message>
        <location filename="../../ui/technician/page.py" line="89" />
        <source>Choose files to upload…</source>
        <translation>选择文件上传…</translation>
    </message>
</context>
<context>
    <name>UploadRow</name>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="128" />
        <source>{sent} of {total}</source>
        <translation>{sent} / {total}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="131" />
        <source>{progress} · {speed}/s · {left} left</source>
        <translation>{progress} · {speed}/秒 · 剩余 {left}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="134" />
        <source>Paused at {progress}</source>
        <translation>已暂停（{progress}）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="136" />
        <source>Uploaded and verified by the server</source>
        <translation>已上传，服务器已校验</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="138" />
        <source>Cancelled at {progress}; resuming continues from there</source>
        <translation>已取消（{progress}），继续上传将从此处接着传</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="142" />
        <source>Stopped: {reason}</source>
        <translation>已中断：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="146" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="148" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="149" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/upload_row.py" line="151" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>