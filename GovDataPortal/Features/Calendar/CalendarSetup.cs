namespace GovDataPortal.Features.Calendar;

// Placeholder: filled in by the calendar work.
public static class CalendarSetup
{
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services) => services;
    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder api) => api;
}
