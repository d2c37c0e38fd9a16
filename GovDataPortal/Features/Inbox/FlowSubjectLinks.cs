namespace GovDataPortal.Features.Inbox;

/// <summary>Where a flow's subject is shown: a feature maps its <c>SubjectType</c> to a page of its own.</summary>
public interface IFlowSubjectLinks
{
    /// <summary>The relative URL of the subject's page, or null when no feature registered the type.</summary>
    string? For(string subjectType, string subjectId);
}

/// <summary>One registration; features add theirs with <see cref="FlowSubjectLinkRegistration.AddFlowSubjectLink"/>.</summary>
public sealed record FlowSubjectLink(string SubjectType, Func<string, string> Url);

internal sealed class FlowSubjectLinks(IEnumerable<FlowSubjectLink> links) : IFlowSubjectLinks
{
    // The last registration of a type wins, so a feature can replace a default.
    private readonly Dictionary<string, Func<string, string>> _byType =
        links.GroupBy(l => l.SubjectType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Url, StringComparer.Ordinal);

    public string? For(string subjectType, string subjectId) =>
        _byType.TryGetValue(subjectType, out var url) ? url(Uri.EscapeDataString(subjectId)) : null;
}

public static class FlowSubjectLinkRegistration
{
    /// <summary>E.g. <c>services.AddFlowSubjectLink("DataCheckRequest", id =&gt; $"data-checks/{id}")</c>.</summary>
    public static IServiceCollection AddFlowSubjectLink(this IServiceCollection services, string subjectType, Func<string, string> url) =>
        services.AddSingleton(new FlowSubjectLink(subjectType, url));
}
