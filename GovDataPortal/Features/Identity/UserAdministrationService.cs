namespace GovDataPortal.Features.Identity;

// Placeholder: filled in by the user-administration work.
public sealed class UserAdministrationService;

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api) => api;
}
