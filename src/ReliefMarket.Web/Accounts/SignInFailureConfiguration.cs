using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Accounts;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("sign_in_failures");
        b.Property(f => f.AccountKey).HasMaxLength(256);
        b.Property(f => f.ClientAddress).HasMaxLength(64);
        // The throttle counts by account, by address and by both within a recent window; the clean-up deletes by time.
        b.HasIndex(f => new { f.AccountKey, f.AtUtc });
        b.HasIndex(f => new { f.ClientAddress, f.AtUtc });
        b.HasIndex(f => f.AtUtc);
    }
}
