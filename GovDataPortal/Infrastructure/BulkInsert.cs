using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Multi-row INSERT for append-heavy paths (the audit chain, a timer sweep's reminders), on the context's connection
/// and transaction. Columns are quoted names; values go as parameters.
/// </summary>
public static class BulkInsert
{
    private const int RowsPerStatement = 200;

    public static async Task RowsAsync(PortalDbContext db, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var head = $"INSERT INTO {table} ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ";
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(head);
            var parameters = new List<NpgsqlParameter>(chunk.Length * columns.Length);
            foreach (var row in chunk)
            {
                sql.Append(parameters.Count == 0 ? "(" : ",(");
                for (var i = 0; i < row.Length; i++)
                {
                    var name = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(i == 0 ? "@" : ",@").Append(name);
                    parameters.Add(new NpgsqlParameter(name, row[i] ?? DBNull.Value));
                }
                sql.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }
}
