using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// The database side of the input rule (<see cref="InputText"/>), a backstop behind the checks at each entry: no
/// text with a refused character is saved, whatever path it came by, and no U+0000 is ever sent to PostgreSQL (which
/// cannot store it and would fail the request with a server error). Both refuse with a
/// <see cref="ValidationFailedException"/> naming the field, which forms show under it and the API answers with 400.
/// </summary>
public static partial class InputTextInterceptors
{
    public static readonly IInterceptor Save = new SaveCheck();
    public static readonly IInterceptor Commands = new CommandCheck();

    /// <summary>Every string property of an added row and every changed one of a modified row.</summary>
    private sealed class SaveCheck : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Check(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            Check(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void Check(DbContext? db)
        {
            if (db is null) return;
            ValidationErrors? errors = null;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
                foreach (var p in entry.Properties)
                    if (p.CurrentValue is string s && (entry.State == EntityState.Added || p.IsModified) && InputText.IsRefused(s))
                        (errors ??= new()).Add(JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), InputText.RefusedContentMessage);
            }
            errors?.ThrowIfInvalid();
        }
    }

    /// <summary>Query parameters (filters, sign-in names, keys) that reached a command unchecked.</summary>
    private sealed class CommandCheck : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken ct = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private static void Check(DbCommand command)
        {
            foreach (DbParameter p in command.Parameters)
            {
                var hasNul = p.Value switch
                {
                    string s => s.Contains('\0'),
                    IEnumerable<string?> many => many.Any(s => s?.Contains('\0') == true),
                    _ => false,
                };
                if (hasNul)
                    throw new ValidationFailedException(new ValidationErrors().Add(FieldOf(p.ParameterName), InputText.RefusedContentMessage));
            }
        }

        // EF names a captured variable "@term" or "@__term_0": the client knows it as "term".
        private static string FieldOf(string parameter) => ParameterDecoration().Replace(parameter, "") is { Length: > 0 } name ? name : "request";
    }

    [GeneratedRegex(@"^[@:]?_*|_\d+$")]
    private static partial Regex ParameterDecoration();
}
