using GovDataPortal.Infrastructure;

namespace GovDataPortal.Components.Shared;

/// <summary>Loading what a page shows, where the service refuses another department's record.</summary>
public static class PageLoad
{
    /// <summary>The record, or the service's Chinese refusal to show instead of failing the circuit.</summary>
    public static async Task<(T? Value, string? Refused)> OrRefusalAsync<T>(Func<Task<T?>> load) where T : class
    {
        try
        {
            return (await load(), null);
        }
        catch (AccessDeniedException e)
        {
            return (null, e.Message);
        }
    }
}
