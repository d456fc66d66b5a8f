namespace ReliefMarket.Web.Accounts;

/// <summary>Limits that keep accounts from being used against their owners (configuration section "Accounts").</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>At most one account email of a kind (confirmation, reset, already-registered) per address in this many minutes.</summary>
    public int EmailCooldownMinutes { get; set; } = 5;
    /// <summary>Sent account emails lose their bodies (which carry one-time links) after this many hours; who, when and what stay.</summary>
    public int SentEmailBodyRetentionHours { get; set; } = 24;
    /// <summary>Failed sign-ins count for this many minutes.</summary>
    public int FailedSignInWindowMinutes { get; set; } = 15;
    /// <summary>One client address may fail this often for one account before that pair is refused for the window.</summary>
    public int MaxFailuresPerAccountAndAddress { get; set; } = 5;
    /// <summary>One client address may fail this often over all accounts before it is refused for the window.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;
    /// <summary>After this many failures for an account from anywhere, each attempt on it waits (1 s, 2 s, 4 s …) instead of locking it.</summary>
    public int SlowdownAfterFailures { get; set; } = 5;
    /// <summary>The longest wait a sign-in attempt is made to take.</summary>
    public int MaxSlowdownSeconds { get; set; } = 5;
}
