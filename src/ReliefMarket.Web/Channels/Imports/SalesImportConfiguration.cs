using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReliefMarket.Web.Channels.Imports;

internal sealed class SalesImportConfiguration : IEntityTypeConfiguration<SalesImport>
{
    public void Configure(EntityTypeBuilder<SalesImport> b)
    {
        b.ToTable("sales_imports");
        b.Property(i => i.FileName).HasMaxLength(SalesImport.MaxFileNameLength);
        b.Property(i => i.ContentHash).HasMaxLength(64);
        b.Property(i => i.Failure).HasMaxLength(500);
        b.Property(i => i.UploadedBy).HasMaxLength(450);
        // The same file is imported once: a second upload finds the first.
        b.HasIndex(i => i.ContentHash).IsUnique();
        b.HasIndex(i => i.UploadedAtUtc);
        b.Ignore(i => i.IsCommitted);
    }
}
