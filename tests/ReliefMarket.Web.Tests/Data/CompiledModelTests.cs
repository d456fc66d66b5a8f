using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReliefMarket.Web.Tests.Data;

/// <summary>
/// The app runs on EF Core compiled models (Data/CompiledModels, docs/decisions/0031): they are generated code, and a
/// change to an entity or a configuration leaves them stale until `scripts/ef-optimize` regenerates them. Each is compared
/// with the model the configurations build now, for both providers: no database is opened.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => [nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.Postgres)];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_the_one_the_configurations_build(string provider)
    {
        using AppDbContext db = provider == nameof(DatabaseProvider.Sqlite)
            ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options)
            : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        var compiled = db.Model;
        Assert.StartsWith("ReliefMarket.Web.Data.CompiledModels.", compiled.GetType().FullName);
        var built = db.GetService<IDesignTimeModel>().Model;

        // A compiled model is read-optimized: it keeps what queries and saves need, not design-time details (a migration
        // diff of it throws), so both are described the same way and compared. On failure run scripts/ef-optimize.
        // Tables, columns and their store types, keys, indexes and foreign keys...
        Same(Describe(built.GetRelationalModel()), Describe(compiled.GetRelationalModel()));
        // ...and what the tables do not show: CLR types, converters, navigations, complex and owned types.
        Same(Describe(built), Describe(compiled));
    }

    private static void Same(List<string> built, List<string> compiled) =>
        Assert.True(built.SequenceEqual(compiled), "The compiled model is stale: run scripts/ef-optimize.\nOnly in the configurations:\n  "
                                                   + string.Join("\n  ", built.Except(compiled)) + "\nOnly in the compiled model:\n  "
                                                   + string.Join("\n  ", compiled.Except(built)));

    private static List<string> Describe(IRelationalModel model) =>
        model.Tables.SelectMany(t => t.Columns.Select(c => $"{t.SchemaQualifiedName}.{c.Name}: {c.StoreType} null:{c.IsNullable}")
                .Concat(t.Indexes.Select(i => $"{t.SchemaQualifiedName} index {i.Name} ({Columns(i.Columns)}) unique:{i.IsUnique} filter:{i.Filter}"))
                .Concat(t.UniqueConstraints.Select(u => $"{t.SchemaQualifiedName} key {u.Name} ({Columns(u.Columns)}) primary:{u.GetIsPrimaryKey()}"))
                .Concat(t.ForeignKeyConstraints.Select(f =>
                    $"{t.SchemaQualifiedName} fk {f.Name} ({Columns(f.Columns)}) -> {f.PrincipalTable.SchemaQualifiedName} ({Columns(f.PrincipalColumns)}) {f.OnDeleteAction}")))
            .Order(StringComparer.Ordinal).ToList();

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(",", columns.Select(c => c.Name));

    private static List<string> Describe(IModel model) =>
        model.GetEntityTypes().SelectMany(e => Describe(e.Name, e)
                .Concat(e.GetNavigations().Select(n => $"{e.Name}.{n.Name} -> {n.TargetEntityType.Name} {(n.IsCollection ? "many" : "one")} {n.FieldInfo?.Name}"))
                .Concat(e.GetSkipNavigations().Select(n => $"{e.Name}.{n.Name} -> {n.TargetEntityType.Name} via {n.JoinEntityType.Name}"))
                .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} owned:{f.IsOwnership}"))
                .Append($"{e.Name} base:{e.BaseType?.Name} owned:{e.IsOwned()} filters:{string.Join(",", e.GetDeclaredQueryFilters().Select(f => f.Expression?.ToString()))}"))
            .Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Describe(string owner, ITypeBase type) =>
        type.GetProperties().Select(p =>
                $"{owner}.{p.Name}: {p.ClrType.Name} null:{p.IsNullable} gen:{p.ValueGenerated} conv:{p.GetValueConverter()?.GetType().Name} " +
                $"token:{p.IsConcurrencyToken} field:{p.FieldInfo?.Name} max:{p.GetMaxLength()}")
            .Concat(type.GetComplexProperties().SelectMany(c => Describe($"{owner}.{c.Name}", c.ComplexType)
                .Append($"{owner}.{c.Name}: complex {c.ClrType.Name} null:{c.IsNullable}")));
}
