#include "SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSslCertificate>
#include <QVBoxLayout>

namespace creditdesk {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_keychain(new QLabel(this))
    , m_sessionOnly(
          new QCheckBox(tr("Sign in for this session only (the token is not kept)"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_signIn(m_buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in — CreditDesk"));
    setMinimumWidth(520);

    auto *title = new QLabel(tr("Sign in to your credits server"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setAccessibleName(tr("Server address"));
    m_url->setPlaceholderText(tr("https://credits.example.com"));
    m_url->setClearButtonEnabled(true);

    m_token->setObjectName(QStringLiteral("token"));
    m_token->setAccessibleName(tr("Access token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("cdt_…"));
    auto *tokenHelp =
        new QLabel(tr("Your service's operator issues tokens with<br><code>creditdesk-server "
                      "token add</code> — ask them for one; it is shown to them only once."),
                   this);
    tokenHelp->setObjectName(QStringLiteral("tokenHelp"));
    tokenHelp->setWordWrap(true);
    tokenHelp->setTextFormat(Qt::RichText);
    tokenHelp->setForegroundRole(QPalette::PlaceholderText);
    // A wrapped label in a form row gets no width of its own: give it the field's.
    tokenHelp->setMinimumWidth(380);

    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setAccessibleName(tr("CA certificate file (optional)"));
    m_caFile->setPlaceholderText(tr("Only for a self-hosted server: its ca.pem"));
    m_browse->setObjectName(QStringLiteral("browseCaFile"));
    m_browse->setAccessibleName(tr("Choose the CA certificate file"));
    auto *caRow = new QHBoxLayout;
    caRow->setContentsMargins(0, 0, 0, 0);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);

    m_keychain->setObjectName(QStringLiteral("keychainState"));
    m_keychain->setWordWrap(true);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnly"));
    m_sessionOnly->setAccessibleName(tr("Sign in for this session only"));

    m_error->setObjectName(QStringLiteral("signInError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: 600; }"));
    m_error->hide();

    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setVerticalSpacing(8);
    form->setHorizontalSpacing(12);
    form->addRow(tr("&Server:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(QString(), tokenHelp);
    form->addRow(tr("&CA file:"), caRow);
    // The buddy of a layout row cannot be set by addRow: point the mnemonic at the field.
    if (auto *caLabel = qobject_cast<QLabel *>(form->labelForField(caRow)))
        caLabel->setBuddy(m_caFile);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(16);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_keychain);
    layout->addWidget(m_sessionOnly);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &SignInDialog::chooseCaFile);

    setKeychainState(KeychainState::Probing);
}

void SignInDialog::setServerUrl(const QString &url)
{
    m_url->setText(url);
    if (!url.isEmpty())
        m_token->setFocus();
}

void SignInDialog::setCaFile(const QString &path)
{
    m_caFile->setText(path);
}

QString SignInDialog::validate(const QString &urlText, const QString &tokenText,
                               const QString &caFileText, SignInRequest *out)
{
    const QString trimmedUrl = urlText.trimmed();
    if (trimmedUrl.isEmpty())
        return tr("Enter the server's address, for example https://credits.example.com.");
    const QUrl url = QUrl::fromUserInput(trimmedUrl);
    if (!trimmedUrl.contains(QStringLiteral("://")) || !url.isValid())
        return tr("The address must start with https://, for example "
                  "https://credits.example.com.");
    if (url.scheme() != u"https")
        return tr("The address must start with https:// — CreditDesk only talks to servers "
                  "over an encrypted connection.");
    if (url.host().isEmpty())
        return tr("The address has no server name after https://.");
    if (!url.query().isEmpty() || !url.fragment().isEmpty() || !url.userInfo().isEmpty())
        return tr("The address must be just the server (https://host:port), without a user "
                  "name, “?” or “#”.");

    const QString token = tokenText.trimmed();
    if (token.isEmpty())
        return tr("Paste the token your operator gave you.");
    for (const QChar c : token) {
        if (c.isSpace())
            return tr("The token contains a space or a line break: paste it again, as one "
                      "word.");
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return tr("The token contains a character tokens never have (“%1”): paste it "
                      "again.")
                .arg(c);
    }

    const QString caFile = caFileText.trimmed();
    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.exists())
            return tr("The CA file %1 does not exist.").arg(caFile);
        QFile f(caFile);
        if (!f.open(QIODevice::ReadOnly))
            return tr("The CA file %1 cannot be read: %2.").arg(caFile, f.errorString());
        if (QSslCertificate::fromData(f.read(1 << 20), QSsl::Pem).isEmpty())
            return tr("The CA file %1 holds no PEM certificate (a file that starts with "
                      "“-----BEGIN CERTIFICATE-----”).")
                .arg(caFile);
    }

    if (out) {
        QUrl base = url.adjusted(QUrl::StripTrailingSlash);
        if (base.path() == u"/")
            base.setPath(QString());
        out->serverUrl = base;
        out->token = token;
        out->caFile = caFile.isEmpty() ? QString() : QFileInfo(caFile).absoluteFilePath();
    }
    return {};
}

void SignInDialog::setKeychainState(KeychainState state, const QString &detail)
{
    m_keychainState = state;
    switch (state) {
    case KeychainState::Probing:
        m_keychain->setText(tr("Checking the system keychain…"));
        break;
    case KeychainState::Available:
        m_keychain->setText(tr("The token will be kept in the system keychain, never in a "
                               "file."));
        break;
    case KeychainState::Unavailable:
        m_keychain->setText(
            tr("The system keychain cannot keep the token: %1. You can sign in for this "
               "session only; you will be asked for the token again next time.")
                .arg(detail));
        break;
    }
    updateSessionOnly();
}

void SignInDialog::updateSessionOnly()
{
    const bool forced = m_keychainState == KeychainState::Unavailable;
    m_sessionOnly->setVisible(m_keychainState != KeychainState::Probing);
    if (forced)
        m_sessionOnly->setChecked(true);
    m_sessionOnly->setEnabled(!forced);
    // While the keychain is being asked, signing in for the session still works.
}

void SignInDialog::setBusy(bool busy)
{
    m_url->setReadOnly(busy);
    m_token->setReadOnly(busy);
    m_caFile->setReadOnly(busy);
    m_browse->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (busy)
        m_error->hide();
}

void SignInDialog::showError(const QString &message)
{
    setBusy(false);
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SignInDialog::submit()
{
    SignInRequest request;
    const QString problem = validate(m_url->text(), m_token->text(), m_caFile->text(), &request);
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    request.sessionOnly =
        m_sessionOnly->isChecked() || m_keychainState == KeychainState::Unavailable;
    setBusy(true);
    emit signInRequested(request);
}

void SignInDialog::chooseCaFile()
{
    auto *chooser = new QFileDialog(this, tr("The server's CA certificate"), m_caFile->text(),
                                    tr("PEM certificates (*.pem *.crt);;All files (*)"));
    chooser->setObjectName(QStringLiteral("caFileChooser"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
    chooser->open();
}

} // namespace creditdesk
