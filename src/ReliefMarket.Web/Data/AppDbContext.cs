using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReliefMarket.Web.Data;

/// <summary>
/// The shop's database. Provider-specific subclasses (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) exist only so each provider keeps its own migrations.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<County> Counties => Set<County>();
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Producer> Producers => Set<Producer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<AttributionEntry> AttributionEntries => Set<AttributionEntry>();
    public DbSet<Cart> Carts => Set<Cart>();
    public DbSet<Payments.ProcessedWebhookEvent> ProcessedWebhookEvents => Set<Payments.ProcessedWebhookEvent>();
    public DbSet<Email.OutboxMessage> OutboxMessages => Set<Email.OutboxMessage>();
    public DbSet<Payments.UnappliedPayment> UnappliedPayments => Set<Payments.UnappliedPayment>();
    public DbSet<Payments.RefundPlan> RefundPlans => Set<Payments.RefundPlan>();
    public DbSet<Access.Invitation> Invitations => Set<Access.Invitation>();
    public DbSet<Access.StaffInvitation> StaffInvitations => Set<Access.StaffInvitation>();
    public DbSet<ProductPhoto> ProductPhotos => Set<ProductPhoto>();
    public DbSet<StockChange> StockChanges => Set<StockChange>();
    public DbSet<Listings.CertificationSubmission> CertificationSubmissions => Set<Listings.CertificationSubmission>();
    public DbSet<Domain.Ledger.JournalEntry> JournalEntries => Set<Domain.Ledger.JournalEntry>();
    public DbSet<Domain.Ledger.JournalLine> JournalLines => Set<Domain.Ledger.JournalLine>();
    public DbSet<Ledger.ReconciliationRun> ReconciliationRuns => Set<Ledger.ReconciliationRun>();
    public DbSet<Domain.Settlement.SettlementPeriod> SettlementPeriods => Set<Domain.Settlement.SettlementPeriod>();
    public DbSet<Domain.Settlement.SettlementStatement> SettlementStatements => Set<Domain.Settlement.SettlementStatement>();
    public DbSet<Domain.Settlement.HoldRelease> HoldReleases => Set<Domain.Settlement.HoldRelease>();
    public DbSet<Domain.Settlement.SettlementDay> SettlementDays => Set<Domain.Settlement.SettlementDay>();
    public DbSet<Domain.Settlement.ProducerDay> ProducerDays => Set<Domain.Settlement.ProducerDay>();
    public DbSet<Domain.Settlement.PayoutBatch> PayoutBatches => Set<Domain.Settlement.PayoutBatch>();
    public DbSet<Domain.Settlement.PayoutLine> PayoutLines => Set<Domain.Settlement.PayoutLine>();
    /// <summary>Append-only: written beside each change that touches money, certification, the aid structure or roles.</summary>
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Channels.Device> Devices => Set<Channels.Device>();
    public DbSet<Channels.DeviceSale> DeviceSales => Set<Channels.DeviceSale>();
    public DbSet<Domain.Procurement.WorkUnit> WorkUnits => Set<Domain.Procurement.WorkUnit>();
    public DbSet<Procurement.ProcurementOrder> ProcurementOrders => Set<Procurement.ProcurementOrder>();
    public DbSet<Procurement.WorkUnitInvitation> WorkUnitInvitations => Set<Procurement.WorkUnitInvitation>();
    public DbSet<Channels.Imports.SalesImport> SalesImports => Set<Channels.Imports.SalesImport>();
    public DbSet<Channels.Campaigns.Campaign> Campaigns => Set<Channels.Campaigns.Campaign>();
    public DbSet<Reports.ReportExport> ReportExports => Set<Reports.ReportExport>();
    /// <summary>The key ring every node shares: cookies, antiforgery tokens and email links made by one node open on another.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.ComplexProperties<LocalizedText>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }

    internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite stores DateTime as text without a kind; everything we store is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
