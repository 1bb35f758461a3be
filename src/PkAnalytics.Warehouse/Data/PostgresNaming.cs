using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PkAnalytics.Warehouse.Data;

/// <summary>
/// snake_case columns and the names PostgreSQL itself gives keys, unique constraints and foreign keys
/// (<c>table_pkey</c>, <c>table_col_key</c>, <c>table_col_fkey</c>), so SQL written by hand reads the same
/// names EF creates, and a database created by the SQL migrations before EF has the same names.
/// </summary>
internal static class PostgresNaming
{
    public static void Apply(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }
            }

            foreach (var key in entity.GetDeclaredKeys())
            {
                key.SetName(key.IsPrimaryKey() ? $"{table}_pkey" : $"{table}_{Columns(key.Properties)}_key");
            }

            foreach (var foreignKey in entity.GetDeclaredForeignKeys())
            {
                foreignKey.SetConstraintName($"{table}_{Columns(foreignKey.Properties)}_fkey");
            }

            foreach (var index in entity.GetDeclaredIndexes())
            {
                if (index.FindAnnotation(RelationalAnnotationNames.Name) is null)
                {
                    index.SetDatabaseName($"{table}_{Columns(index.Properties)}_{(index.IsUnique ? "key" : "idx")}");
                }
            }
        }
    }

    private static string Columns(IEnumerable<IReadOnlyProperty> properties) =>
        string.Join("_", properties.Select(p => p.GetColumnName()));

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
