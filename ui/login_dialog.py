"""Log in: server address, user name, password. Online first; offline when the server is away."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ui.i18n import LanguageManager
from ui.messages import error_text, role_text
from ui.tasks import TaskRunner
from workstation import options as opt

PROBE_DELAY_MS = 600


class LoginDialog(QDialog):
    sig_signed_in = Signal(object)
    """Login succeeded; carries the desk session."""

    def __init__(self, service, runner: TaskRunner, options: opt.Options,
                 languages: LanguageManager, server_hint: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._service = service
        self._runner = runner
        self._options = options
        self._languages = languages
        self.session = None
        self._demo_accounts: list = []

        self.heading = QLabel(objectName="loginHeading")
        self.heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.server = QLineEdit(server_hint or options.get(opt.LAST_SERVER), objectName="serverEdit")
        self.user = QLineEdit(options.get(opt.LAST_USER), objectName="userEdit")
        self.password = QLineEdit(objectName="passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(objectName="languageCombo")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(languages.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.form = QFormLayout()
        self.field_labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.field_labels,
                                (self.server, self.user, self.password, self.language), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)

        self.message = QLabel(objectName="loginMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.demo_label = QLabel(objectName="demoLabel")
        self.demo_list = QTreeWidget(objectName="demoAccounts")
        self.demo_list.setRootIsDecorated(False)
        self.demo_list.setAlternatingRowColors(True)
        self.demo_list.setMinimumHeight(260)
        self.demo_list.itemClicked.connect(self._use_demo_account)
        self.demo_label.hide()
        self.demo_list.hide()

        # Plain buttons with roles: a button box would reset standard buttons' texts to Qt's
        # own (untranslated here) on every language change.
        self.buttons = QDialogButtonBox()
        self.login_button = QPushButton(objectName="loginButton")
        self.login_button.setDefault(True)
        self.cancel_button = QPushButton(objectName="cancelButton")
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.attempt_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.demo_label)
        layout.addWidget(self.demo_list)
        layout.addWidget(self.buttons)

        self._probe_timer = QTimer(self, singleShot=True, interval=PROBE_DELAY_MS)
        self._probe_timer.timeout.connect(self.look_for_demo_accounts)
        self.server.textEdited.connect(lambda _: self._probe_timer.start())
        self.retranslate()
        self.setMinimumWidth(460)
        (self.password if self.user.text() else self.user).setFocus()
        if self.server.text().strip():
            self._probe_timer.start(0)

    # -- demo accounts: only a server started with --demo publishes them --------------------
    def look_for_demo_accounts(self) -> None:
        url = self.server.text().strip()
        if not url:
            self._show_demo_accounts([])
            return
        self._runner.run(lambda: self._service.demo_accounts(url),
                         on_done=self._show_demo_accounts,
                         on_error=lambda _exc: self._show_demo_accounts([]))

    def _show_demo_accounts(self, accounts) -> None:
        self._demo_accounts = list(accounts or [])
        self.demo_list.clear()
        for account in self._demo_accounts:
            roles = "、".join(role_text(r) for r in account.roles)
            item = QTreeWidgetItem([account.username, account.display_name, account.title,
                                    account.institution, roles, account.password])
            item.setData(0, Qt.ItemDataRole.UserRole, (account.username, account.password))
            self.demo_list.addTopLevelItem(item)
        for column in range(self.demo_list.columnCount()):
            self.demo_list.resizeColumnToContents(column)
        shown = self.demo_list.topLevelItemCount() > 0
        self.demo_label.setVisible(shown)
        self.demo_list.setVisible(shown)
        if shown:
            self.resize(max(self.width(), 760), self.height())

    def _use_demo_account(self, item: QTreeWidgetItem) -> None:
        username, password = item.data(0, Qt.ItemDataRole.UserRole)
        self.user.setText(username)
        self.password.setText(password)

    # -- logging in ------------------------------------------------------------------------
    def attempt_login(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server or not user or not password:
            self.show_error(self.tr("Enter the server address, your user name and your password."))
            return
        self._set_busy(True)
        self._runner.run(lambda: self._service.login(server, user, password),
                         on_done=self._logged_in, on_error=self._login_failed)

    def _logged_in(self, session) -> None:
        self._set_busy(False)
        self.session = session
        self._options.set(opt.LAST_SERVER, session.server_url)
        self._options.set(opt.LAST_USER, session.user.username)
        self._options.save()
        self.password.clear()
        self.sig_signed_in.emit(session)
        self.accept()

    def _login_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        code = getattr(exc, "code", None)
        if code is None:
            self.show_error(self.tr("Login failed: {error}").format(error=exc))
        else:
            self.show_error(error_text(code, getattr(exc, "params", {}), str(exc)))
        self.password.selectAll()
        self.password.setFocus()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;")
        self.message.show()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password, self.login_button, self.language):
            widget.setEnabled(not busy)
        if busy:
            self.message.setStyleSheet("color: palette(text);")
            self.message.setText(self.tr("Logging in…"))
            self.message.show()

    # -- language ----------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        language = self.language.itemData(index)
        self._languages.apply(language)
        self._options.set(opt.LANGUAGE, language)
        self._options.save()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in — County Consortium Workstation"))
        self.heading.setText(self.tr("County Consortium Clinical Workstation"))
        for label, text in zip(self.field_labels, (self.tr("Server address"), self.tr("User name"),
                                                   self.tr("Password"), self.tr("Language")),
                               strict=True):
            label.setText(text)
        self.server.setPlaceholderText(self.tr("e.g. http://127.0.0.1:8000"))
        self.login_button.setText(self.tr("Log in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.demo_label.setText(self.tr("Demo accounts on this server (click one to fill in):"))
        self.demo_list.setHeaderLabels([self.tr("User name"), self.tr("Name"), self.tr("Title"),
                                        self.tr("Institution"), self.tr("Roles"),
                                        self.tr("Password")])
        if self.demo_list.topLevelItemCount():
            self._show_demo_accounts(self._demo_accounts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
