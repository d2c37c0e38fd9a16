using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// A save refused by a unique index (PostgreSQL 23505): the database's answer to "check, then insert" when another
/// request inserted first. Services turn it into their own Chinese refusal; anything they leave is a 409
/// (<see cref="ProblemExceptionHandler"/>), never a 500.
/// </summary>
public static class UniqueViolation
{
    public const string LostRaceMessage = "相同的数据刚被他人提交，请刷新后重试。";

    /// <summary>True when <paramref name="e"/> is a unique violation, of the index <paramref name="index"/> where given.</summary>
    public static bool Is(Exception e, string? index = null) => Is(e, out var refusedBy) && (index is null || refusedBy == index);

    /// <summary>True when <paramref name="e"/> is a unique violation; <paramref name="index"/> names the index that refused.</summary>
    public static bool Is(Exception e, out string? index)
    {
        var pg = e as PostgresException ?? e.InnerException as PostgresException;
        var unique = pg?.SqlState == PostgresErrorCodes.UniqueViolation;
        index = unique ? pg!.ConstraintName : null;
        return unique;
    }
}
