using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.OpenData;

/// <summary>The applicant or objector as the staff form holds it.</summary>
public sealed class PartyModel
{
    public FlowPartyKind? Kind { get; set; } = FlowPartyKind.Person;
    public string? Name { get; set; }
    public string? IdentityNumber { get; set; }
    public OrganisationType? OrganisationType { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
}
