#pragma once

#include <functional>

namespace creditdesk {

struct CertificateDetails;

// Who decides whether a certificate that did not verify is trusted: the UI implements it with
// a dialog showing the details (issuer, subject, fingerprint, why it failed). The connection
// never trusts a certificate by itself. decide() must return at once (no nested event loop)
// and call `answer` later — exactly once — with true to trust and pin it, false to abort.
// The connection guards against answers arriving after it is gone.
class TlsDecider
{
public:
    virtual ~TlsDecider();
    virtual void decide(const CertificateDetails &details,
                        std::function<void(bool trust)> answer) = 0;
};

} // namespace creditdesk
