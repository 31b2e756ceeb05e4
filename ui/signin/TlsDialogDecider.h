#pragma once

#include "TlsDecider.h"

#include <QPointer>

class QWidget;

namespace creditdesk {

// The sync library's TlsDecider as the member sees it: each certificate that did not verify
// opens a TlsCertificateDialog (open(), never exec(): no nested event loop) and the answer
// goes back when the member clicks Abort or Trust. `dialogShown` lets tests and the window
// find the dialog.
class TlsDialogDecider : public TlsDecider
{
public:
    explicit TlsDialogDecider(QWidget *parent);
    void decide(const CertificateDetails &details, std::function<void(bool trust)> answer) override;

private:
    QPointer<QWidget> m_parent;
};

} // namespace creditdesk
