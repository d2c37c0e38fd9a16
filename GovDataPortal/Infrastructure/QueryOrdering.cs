using System.Linq.Expressions;

namespace GovDataPortal.Infrastructure;

/// <summary>Sorting a grid's query in SQL by the column the user chose, in the direction chosen.</summary>
internal static class QueryOrdering
{
    public static IOrderedQueryable<T> OrderedBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
