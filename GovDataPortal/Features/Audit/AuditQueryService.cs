namespace GovDataPortal.Features.Audit;

// Placeholder: filled in by the audit-page work.
public sealed class AuditQueryService;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api) => api;
}
