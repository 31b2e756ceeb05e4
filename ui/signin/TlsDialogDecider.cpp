#include "TlsDialogDecider.h"

#include "CertificateDetails.h"
#include "TlsCertificateDialog.h"

#include <QWidget>

namespace creditdesk {

TlsDialogDecider::TlsDialogDecider(QWidget *parent)
    : m_parent(parent)
{}

void TlsDialogDecider::decide(const CertificateDetails &details,
                              std::function<void(bool trust)> answer)
{
    auto *dialog =
        new TlsCertificateDialog(details.host, details.chain, details.errors, m_parent.data());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &TlsCertificateDialog::decided, dialog,
                     [answer = std::move(answer)](bool trust) { answer(trust); });
    dialog->open();
}

} // namespace creditdesk
