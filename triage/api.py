from ninja import NinjaAPI

api = NinjaAPI(title="Back pain triage for runners", version="1", urls_namespace="api")
