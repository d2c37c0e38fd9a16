namespace GovDataPortal.Features.Organisation;

// Placeholder: filled in by the organisation work.
public sealed class OrganisationService;

public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api) => api;
}
