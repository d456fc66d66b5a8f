namespace ReliefMarket.Web.Accounts;

/// <summary>
/// One failed sign-in: which account name was tried (normalised, whether or not it exists) from which client
/// address. Kept in the database so every node throttles alike; rows older than the window are deleted.
/// </summary>
public class SignInFailure
{
    private SignInFailure() { }

    public SignInFailure(string accountKey, string clientAddress, DateTime atUtc)
    {
        AccountKey = accountKey;
        ClientAddress = clientAddress;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }
    public string AccountKey { get; private set; } = "";
    public string ClientAddress { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
}
