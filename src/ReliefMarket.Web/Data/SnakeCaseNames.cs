using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReliefMarket.Web.Data;

/// <summary>
/// Gives every table, column, key and index a lower snake_case name (plain identifiers on PostgreSQL),
/// and money columns the suffix "_fen" so a reader of the raw tables knows the unit.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table) entity.SetTableName(ToSnake(table));

            foreach (var property in entity.GetProperties())
            {
                // An owned type stored in its owner's row shares the owner's key column: leave that name to EF.
                var ownedInRow = entity.FindOwnership() is { IsUnique: true } ownership ? ownership.PrincipalToDependent!.Name + "_" : null;
                if (ownedInRow is not null && property.IsPrimaryKey()) continue;
                property.SetColumnName(ColumnName(property, ownedInRow + property.GetColumnName()));
            }
            foreach (var complex in entity.GetComplexProperties())
            foreach (var property in complex.ComplexType.GetProperties())
                property.SetColumnName(ColumnName(property, complex.Name + "_" + property.Name));

            foreach (var key in entity.GetKeys()) key.SetName(ToSnake(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(ToSnake(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(ToSnake(index.GetDatabaseName()!));
        }
    }

    private static string ColumnName(IMutableProperty property, string name)
    {
        var snake = ToSnake(name);
        return property.ClrType == typeof(Money) && !snake.EndsWith("_fen") ? snake + "_fen" : snake;
    }

    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (prevLowerOrDigit || nextLower) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c == '.' ? '_' : c);
        }
        return sb.ToString().Replace("__", "_");
    }
}
