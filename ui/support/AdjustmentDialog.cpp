#include "AdjustmentDialog.h"

#include "AccountHistory.h"
#include "AdjustmentDraft.h"
#include "AmountFormat.h"
#include "Clock.h"
#include "CreditEngine.h"
#include "Event.h"
#include "SyncedAccount.h"
#include "ThemePalette.h"
#include "TimeFormat.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QLabel *errorLabel(const QString &name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(
        QStringLiteral("QLabel { color: %1; }")
            .arg(
                ThemePalette::color(QApplication::palette(), ThemePalette::Tone::Critical).name()));
    l->hide();
    return l;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

AdjustmentDialog::AdjustmentDialog(const SyncedAccount &account, const Clock &clock,
                                   QWidget *parent)
    : QDialog(parent)
    , m_account(account)
    , m_clock(clock)
    , m_pages(new QStackedWidget(this))
    , m_grant(new QRadioButton(tr("&Grant %1").arg(m_account.unit), this))
    , m_debit(new QRadioButton(tr("&Remove %1").arg(m_account.unit), this))
    , m_amount(new QLineEdit(this))
    , m_amountError(errorLabel(QStringLiteral("adjustAmountError"), this))
    , m_reason(new QLineEdit(this))
    , m_reasonError(errorLabel(QStringLiteral("adjustReasonError"), this))
    , m_expires(new QCheckBox(tr("Expires"), this))
    , m_expiresAt(new QDateTimeEdit(this))
    , m_formError(errorLabel(QStringLiteral("adjustFormError"), this))
    , m_summary(new QLabel(this))
    , m_beforeLabel(new QLabel(this))
    , m_afterLabel(new QLabel(this))
    , m_review(new QPushButton(tr("Review…"), this))
    , m_back(new QPushButton(tr("Back"), this))
    , m_apply(new QPushButton(tr("Apply"), this))
{
    setObjectName(QStringLiteral("adjustmentDialog"));
    setWindowTitle(
        tr("Adjust %1's balance")
            .arg(account.displayName.isEmpty() ? account.accountId : account.displayName));
    m_grant->setObjectName(QStringLiteral("adjustGrant"));
    m_debit->setObjectName(QStringLiteral("adjustDebit"));
    m_grant->setChecked(true);
    m_amount->setObjectName(QStringLiteral("adjustAmount"));
    m_amount->setAccessibleName(tr("Amount"));
    m_amount->setPlaceholderText(tr("e.g. 50 or 12.5"));
    m_reason->setObjectName(QStringLiteral("adjustReason"));
    m_reason->setAccessibleName(tr("Reason (the member sees it)"));
    m_reason->setPlaceholderText(tr("Why — the member sees it in their log"));
    m_reason->setMaxLength(500);
    m_expires->setObjectName(QStringLiteral("adjustExpires"));
    m_expiresAt->setObjectName(QStringLiteral("adjustExpiresAt"));
    m_expiresAt->setAccessibleName(tr("Expiry, in the member's time zone"));
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    const QTimeZone zone(account.timezone.isEmpty() ? QByteArrayLiteral("UTC")
                                                    : account.timezone.toUtf8());
    // The member's wall clock, held zone-less (Qt 6.4's QDateTimeEdit has no time zone).
    m_expiresAt->setTimeSpec(Qt::UTC);
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(clock.now() + 30 * 86400, zone);
    m_expiresAt->setDateTime(QDateTime(wall.date(), wall.time(), Qt::UTC));
    m_review->setObjectName(QStringLiteral("adjustReview"));
    m_review->setDefault(true);
    m_back->setObjectName(QStringLiteral("adjustBack"));
    m_apply->setObjectName(QStringLiteral("adjustApply"));
    m_summary->setObjectName(QStringLiteral("adjustSummary"));
    m_summary->setWordWrap(true);
    m_beforeLabel->setObjectName(QStringLiteral("adjustBalanceBefore"));
    m_afterLabel->setObjectName(QStringLiteral("adjustBalanceAfter"));
    QFont big = m_afterLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_beforeLabel->setFont(big);
    m_afterLabel->setFont(big);

    // The form.
    auto *form = new QWidget(m_pages);
    auto *kind = new QHBoxLayout;
    kind->addWidget(m_grant);
    kind->addWidget(m_debit);
    kind->addStretch(1);
    auto *amountColumn = new QVBoxLayout;
    amountColumn->addWidget(m_amount);
    amountColumn->addWidget(m_amountError);
    auto *reasonColumn = new QVBoxLayout;
    reasonColumn->addWidget(m_reason);
    reasonColumn->addWidget(m_reasonError);
    auto *expiry = new QHBoxLayout;
    expiry->addWidget(m_expires);
    expiry->addWidget(m_expiresAt, 1);
    auto *fields = new QFormLayout;
    fields->addRow(tr("Action"), kind);
    auto *amountLabel = new QLabel(tr("&Amount (%1)").arg(m_account.unit), form);
    amountLabel->setBuddy(m_amount);
    fields->addRow(amountLabel, amountColumn);
    auto *reasonLabel = new QLabel(tr("R&eason"), form);
    reasonLabel->setBuddy(m_reason);
    fields->addRow(reasonLabel, reasonColumn);
    fields->addRow(QString(), expiry);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->addWidget(m_formError);
    formLayout->addLayout(fields);
    formLayout->addStretch(1);
    m_pages->addWidget(form);

    // The confirmation.
    auto *confirm = new QWidget(m_pages);
    auto *confirmLayout = new QVBoxLayout(confirm);
    confirmLayout->addWidget(m_summary);
    auto *balances = new QFormLayout;
    balances->addRow(tr("Available before"), m_beforeLabel);
    balances->addRow(tr("Available after"), m_afterLabel);
    confirmLayout->addLayout(balances);
    auto *note = new QLabel(tr("Computed by the engine from the member's synced events at this "
                               "moment; the server computes it again when it applies."),
                            confirm);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    confirmLayout->addWidget(note);
    confirmLayout->addStretch(1);
    m_pages->addWidget(confirm);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_back, QDialogButtonBox::ResetRole);
    buttons->addButton(m_review, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("adjustCancel"));
    m_back->hide();
    m_apply->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_review, &QPushButton::clicked, this, &AdjustmentDialog::review);
    connect(m_back, &QPushButton::clicked, this, [this] {
        m_pages->setCurrentIndex(0);
        m_back->hide();
        m_apply->hide();
        m_review->show();
        m_review->setDefault(true);
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        setBusy(true);
        emit submitted(m_debit->isChecked(), m_value, m_reason->text().trimmed(), m_expiry);
    });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_grant, &QRadioButton::toggled, this, &AdjustmentDialog::updateExpiry);
    connect(m_expires, &QCheckBox::toggled, this, &AdjustmentDialog::updateExpiry);
    updateExpiry();
}

void AdjustmentDialog::updateExpiry()
{
    // Only a grant makes a lot that can expire.
    m_expires->setEnabled(m_grant->isChecked());
    m_expiresAt->setEnabled(m_grant->isChecked() && m_expires->isChecked());
}

void AdjustmentDialog::setRequest(bool debit, const QString &amount, const QString &reason)
{
    (debit ? m_debit : m_grant)->setChecked(true);
    m_amount->setText(amount);
    m_reason->setText(reason);
}

bool AdjustmentDialog::isConfirming() const
{
    return m_pages->currentIndex() == 1;
}

bool AdjustmentDialog::review()
{
    const bool debit = m_debit->isChecked();
    const TimePoint now = m_clock.now();
    AdjustmentDraft draft;
    draft.type = debit ? AdjustmentDraft::Type::Debit : AdjustmentDraft::Type::Grant;
    draft.amountText = m_amount->text();
    draft.reason = m_reason->text();
    if (!debit && m_expires->isChecked()) {
        const QTimeZone zone(m_account.timezone.isEmpty() ? QByteArrayLiteral("UTC")
                                                          : m_account.timezone.toUtf8());
        draft.expiresAt =
            QDateTime(m_expiresAt->date(), m_expiresAt->time(), zone).toSecsSinceEpoch();
    }
    AdjustmentDraft::Limits limits;
    limits.maxAmount = m_account.maxAmount;
    limits.now = now;
    limits.available = m_account.history()
                           .engineAt(std::max(now, m_account.history().engine().now()))
                           ->balance()
                           .available;
    const AmountFormat format(m_account.unit);
    limits.format = [&format](Credits c) { return format.withUnit(c); };
    QString amountProblem, reasonProblem, expiryProblem;
    for (const AdjustmentDraft::Problem &p : draft.problems(limits))
        (p.field == u"amount"   ? amountProblem
         : p.field == u"reason" ? reasonProblem
                                : expiryProblem) = p.message;
    showError(m_amountError, amountProblem);
    showError(m_reasonError, reasonProblem);
    showError(m_formError, expiryProblem);
    const std::optional<Credits> value = draft.amount();
    if (!amountProblem.isEmpty() || !reasonProblem.isEmpty() || !expiryProblem.isEmpty() ||
        !value) {
        (amountProblem.isEmpty() ? static_cast<QWidget *>(m_reason) : m_amount)->setFocus();
        return false;
    }
    const TimePoint expiry = draft.expiresAt == NoTime ? Never : draft.expiresAt;
    m_value = *value;
    m_expiry = expiry;
    computeBalances(debit, *value, expiry);
    const AmountFormat &amounts = format;
    const TimeFormat times(m_account.history().zone());
    const QString who =
        m_account.displayName.isEmpty() ? m_account.accountId : m_account.displayName;
    m_summary->setText(
        (debit ? tr("Remove %1 from %2.").arg(amounts.withUnit(*value), who)
         : expiry == Never
             ? tr("Grant %1 to %2, never expiring.").arg(amounts.withUnit(*value), who)
             : tr("Grant %1 to %2, expiring %3 (%4).")
                   .arg(amounts.withUnit(*value), who, times.absolute(expiry),
                        m_account.timezone)) +
        u' ' + tr("Reason: “%1”.").arg(m_reason->text().trimmed()));
    m_beforeLabel->setText(amounts.withUnit(m_before.available));
    m_afterLabel->setText(amounts.withUnit(m_after.available));
    m_pages->setCurrentIndex(1);
    m_review->hide();
    m_back->show();
    m_apply->show();
    m_apply->setDefault(true);
    m_apply->setFocus();
    return true;
}

void AdjustmentDialog::computeBalances(bool debit, Credits amount, TimePoint expiresAt)
{
    const AccountHistory &h = m_account.history();
    const TimePoint at = std::max(m_clock.now(), h.engine().now());
    std::unique_ptr<CreditEngine> engine = h.engineAt(at);
    m_before = engine->balance();
    Event e;
    e.at = at;
    e.amount = amount;
    if (debit) {
        e.type = EventType::Debit;
    } else {
        e.type = EventType::Grant;
        e.kind = BucketKind::Adjustment;
        e.until = expiresAt;
    }
    engine->apply(e);
    m_after = engine->balance();
}

void AdjustmentDialog::setBusy(bool busy)
{
    m_apply->setEnabled(!busy);
    m_back->setEnabled(!busy);
    m_apply->setText(busy ? tr("Applying…") : tr("Apply"));
}

void AdjustmentDialog::showServerError(const QString &field, const QString &message)
{
    setBusy(false);
    m_pages->setCurrentIndex(0);
    m_back->hide();
    m_apply->hide();
    m_review->show();
    if (field == u"amount")
        showError(m_amountError, message);
    else if (field == u"reason")
        showError(m_reasonError, message);
    else
        showError(m_formError, message);
}

} // namespace creditdesk
