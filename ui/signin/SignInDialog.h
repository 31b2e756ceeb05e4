#pragma once

#include "SignInRequest.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

// Asks for a server's address, a member's token and, for a self-hosted server, its CA file.
// It checks what was typed and says in words what is wrong (validate()); it does no networking
// itself: a valid form emits signInRequested(), and whoever signs in answers with
// showError() or accept(). It shows what the keychain said (setKeychainState()) and, when the
// keychain cannot keep the token, offers a sign-in for this session only.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    enum class KeychainState { Probing, Available, Unavailable };

    explicit SignInDialog(QWidget *parent = nullptr);

    // Fills the form (the last server used; never a token).
    void setServerUrl(const QString &url);
    void setCaFile(const QString &path);

    // The problem with what was typed, in words, or an empty string when it can be sent.
    static QString validate(const QString &url, const QString &token, const QString &caFile,
                            SignInRequest *out = nullptr);

    void setKeychainState(KeychainState state, const QString &detail = {});
    KeychainState keychainState() const { return m_keychainState; }
    // While a sign-in is under way: the form is read-only and the button says so.
    void setBusy(bool busy);
    void showError(const QString &message);

signals:
    void signInRequested(const creditdesk::SignInRequest &request);

private:
    void submit();
    void chooseCaFile();
    void updateSessionOnly();

    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLabel *m_keychain;
    QCheckBox *m_sessionOnly;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signIn;
    KeychainState m_keychainState = KeychainState::Probing;
};

} // namespace creditdesk
