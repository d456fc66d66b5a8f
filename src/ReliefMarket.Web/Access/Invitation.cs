using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Access;

/// <summary>
/// An invitation to join a producer as a cooperative member. Only the SHA-256 of the token is stored: someone who
/// reads the table cannot follow a link. Used once, within <see cref="Lifetime"/>.
/// </summary>
public class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private Invitation() { }

    public Invitation(string email, int producerId, string token, DateTime createdAtUtc)
    {
        Email = email.Trim();
        ProducerId = producerId;
        TokenHash = Hash(token);
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = createdAtUtc + Lifetime;
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public int ProducerId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public string? UsedByUserId { get; private set; }

    /// <summary>Not used and not expired at <paramref name="nowUtc"/>: the one rule, run in the database when finding and when claiming.</summary>
    public static Expression<Func<Invitation, bool>> OpenAt(DateTime nowUtc) => i => i.UsedAtUtc == null && i.ExpiresAtUtc > nowUtc;

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("cooperative_invitations");
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.UsedByUserId).HasMaxLength(450);
        b.HasOne<Producer>().WithMany().HasForeignKey(i => i.ProducerId).OnDelete(DeleteBehavior.Cascade);
    }
}
