namespace GovDataPortal.Tests.Support;

/// <summary>
/// Runs <c>count</c> copies of an action at the same moment: each is prepared (client, scope) first, then all are
/// released together, as a burst of identical requests arrives at a server.
/// </summary>
public static class Simultaneously
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<Func<Task<T>>>> prepare)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prepared = await Task.WhenAll(Enumerable.Range(0, count).Select(prepare));
        var running = prepared.Select(async act =>
        {
            await start.Task;
            return await act();
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    /// <summary>What a service call ended with: null when it succeeded, else the exception.</summary>
    public static async Task<Exception?> Outcome(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
