namespace ReliefMarket.Web.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender: "扶贫好物集市 &lt;noreply@example.org&gt;".</summary>
    public string From { get; set; } = "扶贫好物集市 <noreply@reliefmarket.test>";
    /// <summary>Where .eml files are written when no SMTP host is set (relative to the content root).</summary>
    public string PickupFolder { get; set; } = ".data/mail";
    /// <summary>Production writes to the pickup folder only when this says so; otherwise it needs an SMTP host.</summary>
    public bool UsePickupFolder { get; set; }
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty = write to the pickup folder instead of sending.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>None, Auto, SslOnConnect or StartTls (MailKit's SecureSocketOptions).</summary>
    public string TlsMode { get; set; } = "StartTls";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
}
