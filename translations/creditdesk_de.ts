<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AmountFormat</name>
    <message>
        <location filename="../ui/common/AmountFormat.cpp" line="46"/>
        <location filename="../ui/common/AmountFormat.cpp" line="77"/>
        <source>%1 %2</source>
        <extracomment>amount and unit, e.g. &quot;1,230 credits&quot;; the unit word comes from the account&apos;s policy</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/AmountFormat.cpp" line="59"/>
        <source>≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/AmountFormat.cpp" line="92"/>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/AmountFormat.cpp" line="92"/>
        <source>%1 M</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../ui/log/CsvExport.cpp" line="27"/>
        <location filename="../ui/log/CsvExport.cpp" line="54"/>
        <location filename="../ui/log/CsvExport.cpp" line="59"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopOptions</name>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="12"/>
        <source>CreditDesk: your AI service credits — balance, refreshes, usage and top-ups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="19"/>
        <source>Run a demo: the server in this process with demo data, and controls to move time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="24"/>
        <source>Render every screen to PNG files in DIR and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="29"/>
        <source>Read and write settings in FILE instead of the usual place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="38"/>
        <source>A scenario file to open read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="60"/>
        <source>Give at most one scenario file.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopOptions.cpp" line="71"/>
        <source>--demo and a scenario file cannot be combined.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="16"/>
        <source>CreditDesk purchase receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="18"/>
        <source>Account:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="19"/>
        <source>Order:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="21"/>
        <source>Time:     %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="23"/>
        <source>Pack:     %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="23"/>
        <source>custom amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="24"/>
        <source>Amount:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="25"/>
        <source>Price:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="27"/>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="28"/>
        <source>State:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="30"/>
        <source>Settled:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="32"/>
        <source>Reason:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="34"/>
        <source>Payment:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/Receipt.cpp" line="42"/>
        <location filename="../ui/packs/Receipt.cpp" line="45"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="22"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="24"/>
        <source>Syncing… (last synced at %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="24"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="28"/>
        <source>Synced at %1 ✓ verified with server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="30"/>
        <source>Synced at %1 ⚠ differs from the server: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="34"/>
        <source>Synced at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="36"/>
        <source>Offline since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="37"/>
        <source>Offline since %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="39"/>
        <source>Synced at %1 · the server asked to wait (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="41"/>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="43"/>
        <source>Signed out by the server: the token is no longer valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="45"/>
        <source>Not connected: the server&apos;s certificate is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/SyncStatus.cpp" line="47"/>
        <source>Scenario file — read-only, nothing to sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="27"/>
        <source>&lt;1m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="33"/>
        <source>%1d %2h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="33"/>
        <source>%1d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="37"/>
        <source>%1h %2m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="37"/>
        <source>%1h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="39"/>
        <source>%1m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="45"/>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="47"/>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="48"/>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/TimeFormat.cpp" line="55"/>
        <source>in %1 days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../ui/common/Wording.cpp" line="23"/>
        <source>Plan %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="25"/>
        <source>Bonus %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="27"/>
        <source>Daily free %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="29"/>
        <source>Signup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="31"/>
        <source>Purchased %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="33"/>
        <source>Refunded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="35"/>
        <source>Adjustment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="44"/>
        <source>plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="46"/>
        <source>bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="48"/>
        <source>daily free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="50"/>
        <source>signup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="52"/>
        <source>purchased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="54"/>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="56"/>
        <source>adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="65"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="67"/>
        <source>System error (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="67"/>
        <source>System error (not charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="69"/>
        <source>Blocked by content rules (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="70"/>
        <source>Blocked by content rules (not charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="72"/>
        <source>Cancelled (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="72"/>
        <source>Cancelled (not charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="83"/>
        <source>not enough %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="85"/>
        <source>usage limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="87"/>
        <source>invalid request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="96"/>
        <location filename="../ui/common/Wording.cpp" line="127"/>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="98"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="100"/>
        <location filename="../ui/common/Wording.cpp" line="129"/>
        <source>Purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="102"/>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="104"/>
        <source>Charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="106"/>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="108"/>
        <location filename="../ui/common/Wording.cpp" line="134"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="110"/>
        <location filename="../ui/common/Wording.cpp" line="136"/>
        <source>Debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="112"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="114"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="123"/>
        <source>Account created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="125"/>
        <source>Plan change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="132"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="138"/>
        <source>Promotion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="153"/>
        <source>waiting for payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="155"/>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="157"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="164"/>
        <source>refund requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="166"/>
        <source>refund approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="168"/>
        <source>refund declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="192"/>
        <source>≈ %1 %2 tokens</source>
        <extracomment>&quot;≈ 2.9 M chat tokens&quot;: the model tokens the balance pays for</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="197"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/common/Wording.cpp" line="200"/>
        <source>%1 × %2</source>
        <extracomment>&quot;150 × image&quot;: how many tasks of a feature the balance pays for</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::ClientSession</name>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="53"/>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="115"/>
        <source>%1 here, %2 on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="166"/>
        <source>Showing the numbers as of the last sync at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="168"/>
        <source>Showing the numbers cached on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="171"/>
        <source>Offline since %1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="176"/>
        <source>The server no longer accepts your token. Sign in again (Account › Sign in). %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="181"/>
        <source>Not connected: the server&apos;s certificate was not trusted. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="191"/>
        <source>The last sync did not finish: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ClientSession.cpp" line="195"/>
        <source>The local copy could not be saved (%1); it is kept in memory and saved at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::CountdownChip</name>
    <message>
        <location filename="../ui/dashboard/CountdownChip.cpp" line="30"/>
        <source>%1 refreshed at %2 · not yet confirmed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/CountdownChip.cpp" line="32"/>
        <source>%1 refreshed at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/CountdownChip.cpp" line="36"/>
        <source>%1 refresh %2 · %3</source>
        <extracomment>&quot;Plan credits refresh in 2d 5h · Thu 27 Nov 02:00&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/CountdownChip.cpp" line="41"/>
        <source>%1 refresh %2 · at %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::DashboardView</name>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="71"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="106"/>
        <source>Scenario · read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="108"/>
        <source>Scenario file, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="155"/>
        <source>When it comes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="159"/>
        <source>Usage windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="173"/>
        <source>How long it lasts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="188"/>
        <source>What you can still do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="207"/>
        <source>Where it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="301"/>
        <source>No account yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="303"/>
        <source>Available balance: not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="305"/>
        <source>Sign in or open a scenario file to see your balance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="314"/>
        <source>Nothing to project yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="343"/>
        <source>renews monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="344"/>
        <source>renews every %1 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="347"/>
        <source>renews daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="348"/>
        <source>renews weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="349"/>
        <source>renews every %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="352"/>
        <source>no renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="355"/>
        <source>%1 plan · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="357"/>
        <source>%1 · %2 per cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="367"/>
        <location filename="../ui/dashboard/DashboardView.cpp" line="552"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="370"/>
        <source>%1 available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="372"/>
        <source>Available balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="378"/>
        <source>Nothing reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="379"/>
        <source>%1 reserved for running tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="380"/>
        <source>%1 · %2 in total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="382"/>
        <source>Out of %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="395"/>
        <source>Nothing refreshes on this plan: what you have is what you buy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="427"/>
        <source>%1 window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="435"/>
        <source>%1 · used 0 of %2 · starts with your next task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="439"/>
        <source>%1 · limit reached until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="442"/>
        <source>%1 · used %2 of %3 · resets %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="463"/>
        <source>✕ Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="466"/>
        <source>You have no %1 left until your refresh on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="468"/>
        <source>You have no %1 left. Top up to keep working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="470"/>
        <location filename="../ui/dashboard/DashboardView.cpp" line="474"/>
        <location filename="../ui/dashboard/DashboardView.cpp" line="484"/>
        <location filename="../ui/dashboard/DashboardView.cpp" line="490"/>
        <source>✓ Fine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="471"/>
        <source>No usage in the last %1 days: your balance is holding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="475"/>
        <source>At your pace, %1 a day, it lasts for years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="477"/>
        <source>⚠ Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="479"/>
        <source>At your pace, %1 a day, you run out on %2 — before your refresh on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="484"/>
        <source>⚠ Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="486"/>
        <source>At your pace, %1 a day, you run out on %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="491"/>
        <source>At your pace, %1 a day, you would run out on %2 — after your refresh. You&apos;re fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="513"/>
        <source>Top up — %1 lasts you to the refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="517"/>
        <source>Top up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="540"/>
        <source>%1: free right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="554"/>
        <source>%1 at %2 tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="556"/>
        <source>%1 — limit reached until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="573"/>
        <source>%1 %2 don&apos;t pay for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="574"/>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="581"/>
        <source>This plan has no features priced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="599"/>
        <source>No %1 left in any bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="613"/>
        <source>never expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="615"/>
        <source>expire %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="622"/>
        <source>%1 %2 %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="649"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="651"/>
        <source>%1 — waiting for payment, usually under a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="653"/>
        <source>✕ %1 — payment failed%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/dashboard/DashboardView.cpp" line="655"/>
        <source>: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::DemoBar</name>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="36"/>
        <location filename="../ui/demo/DemoBar.cpp" line="102"/>
        <location filename="../ui/demo/DemoBar.cpp" line="141"/>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="36"/>
        <source>Play: time runs fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="37"/>
        <source>Time runs fast and simulated members keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="38"/>
        <source>+1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="38"/>
        <source>Move the clock one hour on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="39"/>
        <source>Move the demo clock one hour on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="40"/>
        <source>+1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="40"/>
        <source>Move the clock one day on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="41"/>
        <source>Move the demo clock one day on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="42"/>
        <source>⇥ Next refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="42"/>
        <source>Jump to the next refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="43"/>
        <source>Move the demo clock to the account&apos;s next refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="45"/>
        <source>↺ Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="45"/>
        <source>Reset the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="46"/>
        <source>Start again from fresh demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="49"/>
        <source>Demo controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="53"/>
        <source>DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="64"/>
        <source>Demo member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="69"/>
        <source>Demo time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="84"/>
        <source>&amp;Member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/demo/DemoBar.cpp" line="102"/>
        <location filename="../ui/demo/DemoBar.cpp" line="141"/>
        <source>⏸ Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::DemoSession</name>
    <message>
        <location filename="../app/desktop/DemoSession.cpp" line="54"/>
        <source>the demo seed made no members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::DesktopClient</name>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="154"/>
        <source>Scenario: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="155"/>
        <source>%1 — CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="181"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="227"/>
        <source>The demo could not restart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="230"/>
        <source>CreditDesk — demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="266"/>
        <location filename="../app/desktop/DesktopClient.cpp" line="287"/>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="273"/>
        <source>The local copy of the account cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="396"/>
        <source>A scenario file is read-only: nothing can be bought here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="403"/>
        <source>The purchase was not made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="412"/>
        <source>Payment received: %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="413"/>
        <source>The payment failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="427"/>
        <source>Waiting for payment — usually under a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="433"/>
        <source>A scenario file is read-only: refunds are asked of the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="440"/>
        <source>The refund request was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="443"/>
        <source>Refund requested. Support&apos;s answer appears in the token log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="452"/>
        <source>Export the token log as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="453"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="460"/>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/DesktopClient.cpp" line="461"/>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::LedgerEntryModel</name>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="136"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="138"/>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="140"/>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="142"/>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="144"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="146"/>
        <source>Balance after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="148"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/LedgerEntryModel.cpp" line="172"/>
        <source>%1 uncovered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::MainWindow</name>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="55"/>
        <source>CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="59"/>
        <source>Screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="69"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="69"/>
        <source>Token log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="69"/>
        <source>Packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="70"/>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="70"/>
        <source>Ctrl+2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="70"/>
        <source>Ctrl+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="73"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="74"/>
        <source>Nothing to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="115"/>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="143"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="144"/>
        <source>&amp;Open scenario…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="148"/>
        <source>&amp;Export log as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="150"/>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="152"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="154"/>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="156"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="161"/>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="162"/>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="164"/>
        <source>Sign &amp;out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="167"/>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="169"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="171"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="172"/>
        <source>&amp;Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="172"/>
        <source>&amp;Token log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="172"/>
        <source>&amp;Packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="178"/>
        <source>T&amp;heme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="182"/>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="183"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="184"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="198"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="199"/>
        <source>&amp;About CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="271"/>
        <source>Open a scenario file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="273"/>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="288"/>
        <source>Cannot open the scenario file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="289"/>
        <source>CreditDesk cannot read %1 as a scenario file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="293"/>
        <source>%1

File: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="300"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="301"/>
        <source>Sign out of this account?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="304"/>
        <source>The token is removed from this computer. You can also delete the cached copy of the account; it is fetched again when you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="307"/>
        <source>Sign out, keep the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="310"/>
        <source>Sign out and delete the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="342"/>
        <source>About CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="344"/>
        <source>&lt;b&gt;CreditDesk %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/MainWindow.cpp" line="346"/>
        <source>Your AI service credits: balance, refreshes, usage and top-ups. Every number is computed on this computer from your account&apos;s events and checked against the server&apos;s.&lt;br&gt;&lt;br&gt;Qt %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::OfflineBanner</name>
    <message>
        <location filename="../ui/shell/OfflineBanner.cpp" line="17"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/OfflineBanner.cpp" line="20"/>
        <source>Connection problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/OfflineBanner.cpp" line="25"/>
        <source>Retry the connection now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::PackCard</name>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="25"/>
        <source>≈ %1 per %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="30"/>
        <source>≈ %1 per 100 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="37"/>
        <source>Buy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="57"/>
        <source>Price shown at checkout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="71"/>
        <source>Never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="77"/>
        <source>Buy %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="80"/>
        <source>A scenario file is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PackCard.cpp" line="83"/>
        <source>%1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::PacksView</name>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="44"/>
        <source>Top-up packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="62"/>
        <source>Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="84"/>
        <source>Buy any amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="90"/>
        <source>Amount to buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="91"/>
        <source>for example 500</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="94"/>
        <source>Buy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="96"/>
        <source>Buy the amount entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="108"/>
        <location filename="../ui/packs/PacksView.cpp" line="114"/>
        <source>Your purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="122"/>
        <source>Copy receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="124"/>
        <source>Copy the selected purchase&apos;s receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="125"/>
        <source>Save receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="127"/>
        <source>Save the selected purchase&apos;s receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="148"/>
        <source>Receipt copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="155"/>
        <source>Save receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="157"/>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="161"/>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="182"/>
        <source>Sign in to see the packs on offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="191"/>
        <source>Purchased %1 never expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="193"/>
        <source>%1 This is a scenario file: buying is switched off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="204"/>
        <source>This plan sells no packs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="222"/>
        <source>Write a number, with at most three decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="224"/>
        <source>The amount must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="227"/>
        <source>At most %1 in one purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="290"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="305"/>
        <source>custom amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="318"/>
        <source>No purchases yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PacksView.cpp" line="338"/>
        <source>No purchase selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::PurchaseConfirmDialog</name>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="17"/>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="18"/>
        <source>Confirm purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="23"/>
        <source>Buy %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="23"/>
        <source>Buy %1 for %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="42"/>
        <source>Available now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="44"/>
        <source>Available after payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="46"/>
        <source>Available now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="47"/>
        <source>Available after payment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="49"/>
        <source>Payment usually takes under a minute. You are charged once, even if you click twice or the connection drops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="56"/>
        <location filename="../ui/packs/PurchaseConfirmDialog.cpp" line="58"/>
        <source>Buy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::RefundRequestDialog</name>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="18"/>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="19"/>
        <source>Request a refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="24"/>
        <source>Ask support to refund task &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="31"/>
        <source>What went wrong?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="35"/>
        <source>Reason for the refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="36"/>
        <source>For example: the answer was cut off half-way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="41"/>
        <source>Support decides; the answer appears in the token log after the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="46"/>
        <location filename="../ui/log/RefundRequestDialog.cpp" line="48"/>
        <source>Request refund</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::ScenarioBar</name>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="38"/>
        <source>−1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="38"/>
        <source>One day back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="39"/>
        <source>−1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="39"/>
        <source>One hour back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="40"/>
        <source>+1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="40"/>
        <source>One hour on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="41"/>
        <source>+1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="41"/>
        <source>One day on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="43"/>
        <source>⇥ Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="43"/>
        <source>Jump to the next refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="44"/>
        <source>Last event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="44"/>
        <source>Jump to the last event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="47"/>
        <source>Scenario time controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="51"/>
        <source>SCENARIO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="53"/>
        <source>Scenario file, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="54"/>
        <source>A scenario file, opened read-only: nothing is sent to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="62"/>
        <source>Moment in the scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="65"/>
        <source>Date and time in the account&apos;s zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/ScenarioBar.cpp" line="118"/>
        <source>Time zone: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::ScreenshotRenderer</name>
    <message>
        <location filename="../app/desktop/ScreenshotRenderer.cpp" line="43"/>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/ScreenshotRenderer.cpp" line="56"/>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="23"/>
        <source>Sign out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="26"/>
        <source>Settings — CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="30"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="31"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="32"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="33"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="38"/>
        <source>Sync interval in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="40"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="43"/>
        <source>Look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="45"/>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="47"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="49"/>
        <source>Sync &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="50"/>
        <source>While the window is visible; less often when hidden, and F5 syncs at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="57"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="91"/>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsDialog.cpp" line="96"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::SignInDialog</name>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="23"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="26"/>
        <source>Sign in for this session only (the token is not kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="29"/>
        <location filename="../ui/signin/SignInDialog.cpp" line="223"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="32"/>
        <source>Sign in — CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="35"/>
        <source>Sign in to your credits server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="42"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="43"/>
        <source>https://credits.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="47"/>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="49"/>
        <source>cdt_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="51"/>
        <source>Your service&apos;s operator issues tokens with&lt;br&gt;&lt;code&gt;creditdesk-server token add&lt;/code&gt; — ask them for one; it is shown to them only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="62"/>
        <source>CA certificate file (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="63"/>
        <source>Only for a self-hosted server: its ca.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="65"/>
        <source>Choose the CA certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="74"/>
        <source>Sign in for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="90"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="91"/>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="93"/>
        <source>&amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="133"/>
        <source>Enter the server&apos;s address, for example https://credits.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="136"/>
        <source>The address must start with https://, for example https://credits.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="139"/>
        <source>The address must start with https:// — CreditDesk only talks to servers over an encrypted connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="142"/>
        <source>The address has no server name after https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="144"/>
        <source>The address must be just the server (https://host:port), without a user name, “?” or “#”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="149"/>
        <source>Paste the token your operator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="152"/>
        <source>The token contains a space or a line break: paste it again, as one word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="155"/>
        <source>The token contains a character tokens never have (“%1”): paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="164"/>
        <source>The CA file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="167"/>
        <source>The CA file %1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="169"/>
        <source>The CA file %1 holds no PEM certificate (a file that starts with “-----BEGIN CERTIFICATE-----”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="190"/>
        <source>Checking the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="193"/>
        <source>The token will be kept in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="198"/>
        <source>The system keychain cannot keep the token: %1. You can sign in for this session only; you will be asked for the token again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="223"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="251"/>
        <source>The server&apos;s CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/SignInDialog.cpp" line="252"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::SignInFlow</name>
    <message>
        <location filename="../app/desktop/SignInFlow.cpp" line="76"/>
        <source>The server does not know this token (or it was revoked). Check it with your operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/SignInFlow.cpp" line="84"/>
        <source>This token belongs to a support agent. CreditDesk shows a member&apos;s account: use a member&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/desktop/SignInFlow.cpp" line="121"/>
        <source>The token is valid, but the keychain refused to keep it. Sign in again for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::StatusBanner</name>
    <message>
        <location filename="../ui/common/StatusBanner.cpp" line="14"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::TaskLogModel</name>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="487"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="489"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="491"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="493"/>
        <source>Task / order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="495"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="497"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="499"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="499"/>
        <source>Amount (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="501"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="503"/>
        <source>Refund request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="581"/>
        <source>1 model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="581"/>
        <source>%1 models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="583"/>
        <source>tier %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="585"/>
        <source>quantity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="588"/>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="590"/>
        <source>%1 tokens estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="593"/>
        <source>%1 uncovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="604"/>
        <location filename="../ui/log/TaskLogModel.cpp" line="627"/>
        <source>custom amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="615"/>
        <source>signup grants and free allowances begin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="617"/>
        <source>plan %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="621"/>
        <source>%1 · expires %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="623"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="641"/>
        <source>%1 free %2 – %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="657"/>
        <source>Not started — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="660"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="670"/>
        <location filename="../ui/log/TaskLogModel.cpp" line="753"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="703"/>
        <source>task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TaskLogModel.cpp" line="709"/>
        <source>%1 grant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::TlsCertificateDialog</name>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="29"/>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="58"/>
        <source>Certificate not trusted — CreditDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="68"/>
        <source>&lt;b&gt;%1 presented a certificate CreditDesk cannot verify.&lt;/b&gt;&lt;br&gt;Nothing has been sent to it. If you did not expect this, abort: someone may be pretending to be your server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="86"/>
        <source>Why:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="87"/>
        <source>The certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="89"/>
        <source>Issued to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="90"/>
        <source>Issued by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="91"/>
        <source>Valid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="92"/>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="99"/>
        <source>SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="103"/>
        <source>Authority SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="108"/>
        <source>Trusting it remembers the certificate authority that signed it (%1), so the server may renew its own certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="111"/>
        <source>Trusting it remembers this certificate&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="117"/>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/signin/TlsCertificateDialog.cpp" line="121"/>
        <source>Trust this server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::TokenLogView</name>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="78"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="79"/>
        <source>Request refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="86"/>
        <source>Token log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="90"/>
        <source>Search the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="91"/>
        <source>Search task, feature, order or reason  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="96"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="97"/>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="98"/>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="99"/>
        <location filename="../ui/log/TokenLogView.cpp" line="126"/>
        <source>Purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="100"/>
        <source>Grants and plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="103"/>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="107"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="109"/>
        <source>Any outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="110"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="111"/>
        <source>System error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="112"/>
        <source>Blocked by content rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="113"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="114"/>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="115"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="116"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="119"/>
        <source>Entry type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="121"/>
        <source>All entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="122"/>
        <source>Charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="123"/>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="124"/>
        <source>Grants and refreshes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="127"/>
        <source>Expiries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="128"/>
        <source>Debits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="129"/>
        <source>Holds (reserve and release)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="131"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="134"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="135"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="136"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="137"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="138"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="139"/>
        <source>Dates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="146"/>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="148"/>
        <source>To date (inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="151"/>
        <source>Export what is shown as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="153"/>
        <source>Request a refund for the selected task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="155"/>
        <source>Select a charged task to ask support for a refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="169"/>
        <location filename="../ui/log/TokenLogView.cpp" line="203"/>
        <source>Tasks and purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="170"/>
        <location filename="../ui/log/TokenLogView.cpp" line="204"/>
        <source>Ledger entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="172"/>
        <source>Ledger entries of the selected row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="183"/>
        <location filename="../ui/log/TokenLogView.cpp" line="370"/>
        <source>Select a row to see the ledger entries it wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="202"/>
        <source>Log views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="287"/>
        <source>All features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="347"/>
        <source>No account open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="353"/>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="357"/>
        <source>%1 of %2 ledger entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="372"/>
        <source>%1 — no ledger entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="392"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="396"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/log/TokenLogView.cpp" line="400"/>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>creditdesk::WelcomePage</name>
    <message>
        <location filename="../ui/shell/WelcomePage.cpp" line="19"/>
        <source>Your credits, at a glance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/WelcomePage.cpp" line="26"/>
        <source>Sign in to your service&apos;s credits server to see your balance, when it refreshes, what you can still do and every task you ran. Or open a scenario file to explore one, read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/WelcomePage.cpp" line="34"/>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/WelcomePage.cpp" line="38"/>
        <source>Open a scenario file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/shell/WelcomePage.cpp" line="42"/>
        <source>To try it without a server: &lt;code&gt;creditdesk --demo&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
