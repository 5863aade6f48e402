"""Danish admin for the chat: chat hours, agents' capacity and canned answers
(managers keep them here). Conversations are listed read-only for overview,
without the question or messages: transcripts are read in the agent console."""

from django.contrib import admin

from indgang.core.admin import ReadOnlyAdmin

from .models import CannedAnswer, ChatAgent, ChatHours, Conversation


@admin.register(ChatHours)
class ChatHoursAdmin(admin.ModelAdmin):
    list_display = ["weekday", "opens", "closes"]
    list_filter = ["weekday"]


@admin.register(ChatAgent)
class ChatAgentAdmin(admin.ModelAdmin):
    list_display = ["user", "capacity"]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(CannedAnswer)
class CannedAnswerAdmin(admin.ModelAdmin):
    list_display = ["title", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["title", "text"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "status",
        "after_hours",
        "agent",
        "taken_at",
        "closed_at",
        "outcome",
    ]
    list_filter = ["status", "after_hours", "outcome"]
    list_select_related = ["agent"]
    date_hierarchy = "created_at"
    fields = [
        "status",
        "language",
        "after_hours",
        "created_at",
        "agent",
        "taken_at",
        "closed_at",
        "outcome",
        "subject_area",
        "service",
        "contact",
        "last_seq",
    ]
