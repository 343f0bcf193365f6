"""The interface language: one catalogue of the app's strings in English and Arabic.

>>> from workbench.ui.i18n import t
>>> t("app.save", "ar")
'حفظ'
>>> t("status.saved", "en", revision=3, at="10:02")
'✓ saved · revision 3 · 10:02'

Strings live in catalogues: a name and, per language, a dict of ``key -> text``.
The app's own catalogue is ``"ui"`` (:data:`UI_STRINGS`); other parts of the
workbench register theirs with :func:`register_catalogue` and use the same
:func:`t`. A key belongs to exactly one catalogue, so prefix yours with its name
(``"exercise.submit"``). Texts are :meth:`str.format` templates: ``{name}``
placeholders, ``{{``/``}}`` for literal braces; every language of a key must use
the same placeholders (:func:`catalogue_problems` checks it, tests call it).

A text may contain markup (``<b>``) but never the values: callers escape what
they pass in when the result goes into HTML.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from workbench.errors import WorkbenchError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "UI_STRINGS",
    "catalogue_problems",
    "catalogues",
    "check_language",
    "direction",
    "placeholders",
    "register_catalogue",
    "t",
]

LANGUAGES: tuple[str, ...] = ("en", "ar")
"""Interface languages, in the order the language toggle shows them."""
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}
"""Each language named in itself (what the toggle shows, whatever the current language)."""
_RTL = frozenset({"ar"})

Catalogue = Mapping[str, Mapping[str, str]]

UI_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # header, tabs, app messages
        "app.title": "Arabic OSINT workbench",
        "app.save": "Save",
        "app.save_tooltip": "Every change is saved at once; Save also stores the edits in the finding form",
        "app.reload": "Reload",
        "app.reload_tooltip": "Re-read this article from the store",
        "app.language_tooltip": "Language of the interface",
        "app.load_title": "Open an article",
        "app.tab_entities": "Entities",
        "app.tab_correct": "Correct",
        "app.tab_findings": "Findings",
        "app.tab_history": "History",
        "msg.open_failed": "Could not open the article: {error}",
        "msg.opened": "Opened {title}.",
        "msg.opened_restored": "Opened {title} · restored revision {revision}, {n} finding(s).",
        "msg.store_failed": "The findings store could not be opened, so changes are NOT saved: {error}",
        "msg.analysing": "Analysing {title}…",
        "msg.unexpected": "Unexpected error: {error}",
        "msg.unexpected_open": "Unexpected error while opening: {error}",
        "msg.nothing_to_save": "Nothing to save: no article is open.",
        "msg.saved": "Saved · revision {revision} · {location}",
        "msg.reload_failed": "Could not reload: {error}",
        "msg.select_place_first": "Select the place to pin first (from the list beside the map, "
                                  "the text or the table), then click the map.",
        "msg.open_first": "Open an article first (pick a sample, upload a file or paste text).",
        "msg.stale": "Another session changed this article; reload it to see its changes "
                     "(yours was not applied). {error}",
        "msg.change_failed": "Could not apply the change: {error}",
        "msg.reloaded": "reloaded revision {revision}",
        "msg.pick_words": "Pick the first word, then a last word after it.",
        "msg.select_target": "Select an entity, a place or a span of text to attach the finding to.",
        "msg.reverted": "Reverted change #{id}: {summary}.",
        "msg.revert_failed": "Could not revert change #{id}: {error}",
        "target.none": "nothing selected: pick an entity, a place or a span",
        "target.place": "place <b>{text}</b> ({name})",
        "target.entity": "entity <b>{text}</b> · {label}",
        "target.span": "text <b>{text}</b>",
        "target.finding": "the finding being edited",
        "status.none": "no article open",
        "status.stale": "⚠ not saved: another session changed this article — Reload",
        "status.dirty": "● unsaved edits in the finding form — press Save",
        "status.memory": "changes kept in memory only (revision {revision})",
        "status.saved": "✓ saved · revision {revision} · {at}",
        # load panel
        "load.sample": "Sample",
        "load.open_sample": "Open sample",
        "load.upload": "Upload file",
        "load.paste_placeholder": "paste the article text here",
        "load.analyse_text": "Analyse text",
        "load.url": "URL",
        "load.fetch": "Fetch",
        "load.no_sample": "No sample chosen: pick one from the list.",
        "load.empty_paste": "The paste box is empty: paste the article text first.",
        "load.not_url": "{url} is not a web address: give a URL starting with http:// or https://.",
        "load.unknown_kind": "Unknown kind of input {kind}.",
        # article view
        "article.pick": "— pick an entity —",
        "article.entity": "Entity",
        "article.selected_text": "selected text:",
        # entity table
        "table.label": "Label",
        "table.all": "all",
        "table.sort_by": "Sort by",
        "table.sort_position": "first position",
        "table.sort_text": "text",
        "table.sort_count": "count (most first)",
        "table.sort_label": "label",
        "table.col_entity": "entity",
        "table.col_label": "label",
        "table.col_count": "count",
        "table.col_first": "first position",
        "table.col_place": "place",
        "table.unresolved": "unresolved — pin it",
        # place statuses and precisions
        "place.machine": "machine",
        "place.confirmed": "confirmed",
        "place.candidate": "analyst's choice",
        "place.pinned": "pinned",
        "place.unresolved": "unresolved",
        "level.region": "region",
        "level.country": "country",
        # map
        "map.unresolved_title": "Unresolved places",
        "map.pin_mode": "Pin on map",
        "map.pin_tooltip": "Turn on, then click the map where the selected place is",
        "map.pin_name_placeholder": "name of the pinned place",
        "map.selected": "selected: <b>{text}</b> ({state}). Turn on <i>Pin on map</i> and click "
                        "where it is.",
        "map.state_resolved": "resolved",
        "map.state_unresolved": "not on the map yet",
        "map.n_unresolved": "{n} place(s) could not be located: choose one, then pin it on the map.",
        "map.all_located": "Every place is on the map. Select one to correct it.",
        "map.vague_title": "Places known only to region or country level",
        "map.vague_selected": "Only the {level} of <b>{text}</b> is known: {name}.",
        "map.n_vague": "{n} place(s) are known only to region or country level.",
        "map.radius": "±{km} km",
        "map.import_hint": "For a precise location, import the GeoNames file of {country}: "
                           "<code>{command}</code>, then open the article again — or pin the place "
                           "on the map.",
        "map.import_hint_unknown": "For a precise location, import the GeoNames file of its country "
                                   "(<code>{command}</code>, XX = the country code), then open the "
                                   "article again — or pin the place on the map.",
        "popup.mention": "mention",
        "popup.name": "gazetteer name",
        "popup.name_ar": "Arabic name",
        "popup.country": "country",
        "popup.feature": "feature",
        "popup.precision": "precision",
        "popup.confidence": "confidence",
        "popup.status": "status",
        "popup.reason": "reason",
        # corrections
        "corr.entity_title": "Entity",
        "corr.no_entity": "No entity selected: click one in the text or the table.",
        "corr.label": "Label",
        "corr.set_label": "Change label",
        "corr.delete": "Delete entity",
        "corr.deleted": "Deleted",
        "corr.restore": "Restore",
        "corr.add_title": "<b>Add an entity the machine missed</b> (first and last word)",
        "corr.first_word": "First word",
        "corr.last_word": "Last word",
        "corr.add": "Add entity",
        "corr.use_span": "Select span",
        "corr.use_span_tooltip": "Select these words (e.g. for a finding)",
        "corr.place_title": "Place",
        "corr.no_place": "No place selected.",
        "corr.candidate": "Candidate",
        "corr.choose": "Use candidate",
        "corr.confirm": "Confirm place",
        "corr.unresolve": "Not this place",
        "corr.latitude": "Latitude",
        "corr.longitude": "Longitude",
        "corr.name": "Name",
        "corr.name_placeholder": "name of the place",
        "corr.pin": "Pin here",
        "corr.not_located": "not located",
        "corr.score": "score {score}",
        # findings
        "find.select_first": "Select an entity, a place or a span first.",
        "find.note_placeholder": "note",
        "find.tags": "Tags",
        "find.confidence": "Confidence",
        "find.status": "Status",
        "find.add": "Add finding",
        "find.update": "Update",
        "find.delete": "Delete",
        "find.new": "New",
        "find.edit": "Edit",
        "find.new_option": "— new finding —",
        "find.attach_to": "Attach to: {target}",
        "find.none_yet": "No findings yet.",
        "find.col_on": "on",
        "find.col_text": "text",
        "find.col_note": "note",
        "find.col_tags": "tags",
        "find.col_confidence": "confidence",
        "find.col_status": "status",
        "find.col_analyst": "analyst",
        "find.col_updated": "updated",
        "find.on_entity": "entity",
        "find.on_place": "place",
        "find.on_span": "span",
        "confidence.confirmed": "confirmed",
        "confidence.probable": "probable",
        "confidence.doubtful": "doubtful",
        "fstatus.open": "open",
        "fstatus.resolved": "resolved",
        "fstatus.rejected": "rejected",
        # history
        "hist.intro": "Every change to this article, newest first. Reverting a change records a new "
                      "change; nothing is erased.",
        "hist.empty": "No changes yet: corrections and findings appear here.",
        "hist.revert": "Revert",
        "hist.revert_tooltip": "Undo this change (recorded as a new change)",
        "hist.older": "{n} older change(s) not shown.",
        "hist.entry": "#{id} · revision {revision} · {analyst} · {at}",
        "hist.absent": "—",
        "hist.new": "new",
        "hist.removed": "removed",
        "change.set_label": "Label of «{text}»",
        "change.delete_entity": "Deleted entity «{text}»",
        "change.restore_entity": "Restored entity «{text}»",
        "change.add_entity": "Added entity «{text}»",
        "change.choose": "Chose another candidate for «{text}»",
        "change.confirm": "Confirmed place «{text}»",
        "change.pin": "Pinned «{text}» on the map",
        "change.unresolve": "Marked «{text}» as not located",
        "change.add_finding": "Added a finding on «{text}»",
        "change.update_finding": "Edited the finding on «{text}»",
        "change.delete_finding": "Deleted the finding on «{text}»",
        "change.revert": "Reverted change #{id}",
        "change.set_records": "Saved records ({reason})",
        "change.other": "Change {type}",
        "field.label": "label",
        "field.deleted": "deleted",
        "field.name": "place",
        "field.status": "status",
        "field.location": "location",
        "field.note": "note",
        "field.tags": "tags",
        "field.confidence": "confidence",
        "field.yes": "yes",
        "field.no": "no",
    },
    "ar": {
        "app.title": "منصة تحليل المصادر المفتوحة",
        "app.save": "حفظ",
        "app.save_tooltip": "يُحفظ كل تغيير فور إجرائه؛ ويحفظ زر «حفظ» أيضاً التعديلات في نموذج الاستنتاج",
        "app.reload": "إعادة التحميل",
        "app.reload_tooltip": "إعادة قراءة هذا المقال من المخزن",
        "app.language_tooltip": "لغة الواجهة",
        "app.load_title": "فتح مقال",
        "app.tab_entities": "الكيانات",
        "app.tab_correct": "التصحيح",
        "app.tab_findings": "الاستنتاجات",
        "app.tab_history": "السجل",
        "msg.open_failed": "تعذّر فتح المقال: {error}",
        "msg.opened": "فُتح المقال «{title}».",
        "msg.opened_restored": "فُتح المقال «{title}» · استُعيدت المراجعة {revision} ومعها {n} من "
                               "الاستنتاجات.",
        "msg.store_failed": "تعذّر فتح مخزن الاستنتاجات، لذا لن تُحفظ التغييرات: {error}",
        "msg.analysing": "جارٍ تحليل «{title}»…",
        "msg.unexpected": "خطأ غير متوقع: {error}",
        "msg.unexpected_open": "خطأ غير متوقع أثناء فتح المقال: {error}",
        "msg.nothing_to_save": "لا شيء للحفظ: لا يوجد مقال مفتوح.",
        "msg.saved": "حُفظ · المراجعة {revision} · {location}",
        "msg.reload_failed": "تعذّرت إعادة التحميل: {error}",
        "msg.select_place_first": "اختر أولاً المكان المراد تثبيته (من القائمة بجانب الخريطة أو من "
                                  "النص أو من الجدول)، ثم انقر على الخريطة.",
        "msg.open_first": "افتح مقالاً أولاً (اختر عيّنة أو ارفع ملفاً أو الصق نصاً).",
        "msg.stale": "غيّرت جلسة أخرى هذا المقال؛ أعد تحميله لترى تغييراتها (لم يُطبَّق تغييرك). "
                     "{error}",
        "msg.change_failed": "تعذّر تطبيق التغيير: {error}",
        "msg.reloaded": "أُعيد تحميل المراجعة {revision}",
        "msg.pick_words": "اختر الكلمة الأولى، ثم كلمة أخيرة تليها.",
        "msg.select_target": "اختر كياناً أو مكاناً أو مقطعاً من النص لتُرفق به الاستنتاج.",
        "msg.reverted": "تم التراجع عن التغيير رقم {id}: {summary}.",
        "msg.revert_failed": "تعذّر التراجع عن التغيير رقم {id}: {error}",
        "target.none": "لم يُحدَّد شيء: اختر كياناً أو مكاناً أو مقطعاً من النص",
        "target.place": "المكان <b>{text}</b> ({name})",
        "target.entity": "الكيان <b>{text}</b> · {label}",
        "target.span": "النص <b>{text}</b>",
        "target.finding": "الاستنتاج الجاري تعديله",
        "status.none": "لا يوجد مقال مفتوح",
        "status.stale": "⚠ لم يُحفظ: غيّرت جلسة أخرى هذا المقال — أعد التحميل",
        "status.dirty": "● تعديلات غير محفوظة في نموذج الاستنتاج — اضغط «حفظ»",
        "status.memory": "التغييرات محفوظة في الذاكرة فقط (المراجعة {revision})",
        "status.saved": "✓ محفوظ · المراجعة {revision} · {at}",
        "load.sample": "عيّنة",
        "load.open_sample": "فتح العيّنة",
        "load.upload": "رفع ملف",
        "load.paste_placeholder": "الصق نص المقال هنا",
        "load.analyse_text": "تحليل النص",
        "load.url": "الرابط",
        "load.fetch": "جلب",
        "load.no_sample": "لم تُختر عيّنة: اختر واحدة من القائمة.",
        "load.empty_paste": "مربع اللصق فارغ: الصق نص المقال أولاً.",
        "load.not_url": "{url} ليس عنوان ويب: أدخل رابطاً يبدأ بـ http:// أو https://.",
        "load.unknown_kind": "نوع إدخال غير معروف: {kind}.",
        "article.pick": "— اختر كياناً —",
        "article.entity": "الكيان",
        "article.selected_text": "النص المحدد:",
        "table.label": "التصنيف",
        "table.all": "الكل",
        "table.sort_by": "الترتيب حسب",
        "table.sort_position": "أول موضع",
        "table.sort_text": "النص",
        "table.sort_count": "العدد (الأكثر أولاً)",
        "table.sort_label": "التصنيف",
        "table.col_entity": "الكيان",
        "table.col_label": "التصنيف",
        "table.col_count": "العدد",
        "table.col_first": "أول موضع",
        "table.col_place": "المكان",
        "table.unresolved": "لم يُحدَّد موقعه — ثبّته على الخريطة",
        "place.machine": "آلي",
        "place.confirmed": "مؤكَّد",
        "place.candidate": "اختيار المحلل",
        "place.pinned": "مثبَّت يدوياً",
        "place.unresolved": "لم يُحدَّد موقعه",
        "level.region": "المنطقة",
        "level.country": "البلد",
        "map.unresolved_title": "أماكن لم يُحدَّد موقعها",
        "map.pin_mode": "التثبيت على الخريطة",
        "map.pin_tooltip": "فعّل هذا الزر، ثم انقر على الخريطة حيث يقع المكان المحدد",
        "map.pin_name_placeholder": "اسم المكان المثبَّت",
        "map.selected": "المحدد: <b>{text}</b> ({state}). فعّل <i>التثبيت على الخريطة</i> وانقر "
                        "حيث يقع.",
        "map.state_resolved": "محدد الموقع",
        "map.state_unresolved": "ليس على الخريطة بعد",
        "map.n_unresolved": "تعذّر تحديد موقع {n} من الأماكن: اختر واحداً منها، ثم ثبّته على الخريطة.",
        "map.all_located": "كل الأماكن على الخريطة. اختر أحدها لتصحيحه.",
        "map.vague_title": "أماكن لا يُعرف منها إلا المنطقة أو البلد",
        "map.vague_selected": "لا يُعرف من <b>{text}</b> إلا {level}: {name}.",
        "map.n_vague": "{n} من الأماكن لا يُعرف منها إلا المنطقة أو البلد.",
        "map.radius": "±{km} كم",
        "map.import_hint": "لتحديد الموقع بدقة، استورد ملف GeoNames الخاص بـ {country}: "
                           "<code>{command}</code>، ثم افتح المقال من جديد — أو ثبّت المكان على "
                           "الخريطة.",
        "map.import_hint_unknown": "لتحديد الموقع بدقة، استورد ملف GeoNames الخاص ببلده "
                                   "(<code>{command}</code>، حيث XX رمز البلد)، ثم افتح المقال من "
                                   "جديد — أو ثبّت المكان على الخريطة.",
        "popup.mention": "الإشارة",
        "popup.name": "الاسم في المعجم الجغرافي",
        "popup.name_ar": "الاسم العربي",
        "popup.country": "البلد",
        "popup.feature": "نوع المعلم",
        "popup.precision": "الدقة",
        "popup.confidence": "الثقة",
        "popup.status": "الحالة",
        "popup.reason": "السبب",
        "corr.entity_title": "الكيان",
        "corr.no_entity": "لم يُحدَّد كيان: انقر على أحدها في النص أو في الجدول.",
        "corr.label": "التصنيف",
        "corr.set_label": "تغيير التصنيف",
        "corr.delete": "حذف الكيان",
        "corr.deleted": "المحذوفة",
        "corr.restore": "استعادة",
        "corr.add_title": "<b>إضافة كيان فات الآلة</b> (الكلمة الأولى والأخيرة)",
        "corr.first_word": "الكلمة الأولى",
        "corr.last_word": "الكلمة الأخيرة",
        "corr.add": "إضافة الكيان",
        "corr.use_span": "تحديد المقطع",
        "corr.use_span_tooltip": "تحديد هذه الكلمات (لإرفاق استنتاج بها مثلاً)",
        "corr.place_title": "المكان",
        "corr.no_place": "لم يُحدَّد مكان.",
        "corr.candidate": "المرشَّح",
        "corr.choose": "اعتماد المرشَّح",
        "corr.confirm": "تأكيد المكان",
        "corr.unresolve": "ليس هذا المكان",
        "corr.latitude": "خط العرض",
        "corr.longitude": "خط الطول",
        "corr.name": "الاسم",
        "corr.name_placeholder": "اسم المكان",
        "corr.pin": "التثبيت هنا",
        "corr.not_located": "لم يُحدَّد موقعه",
        "corr.score": "الدرجة {score}",
        "find.select_first": "اختر أولاً كياناً أو مكاناً أو مقطعاً من النص.",
        "find.note_placeholder": "ملاحظة",
        "find.tags": "الوسوم",
        "find.confidence": "درجة الثقة",
        "find.status": "الحالة",
        "find.add": "إضافة استنتاج",
        "find.update": "تحديث",
        "find.delete": "حذف",
        "find.new": "جديد",
        "find.edit": "تعديل",
        "find.new_option": "— استنتاج جديد —",
        "find.attach_to": "إرفاق بـ: {target}",
        "find.none_yet": "لا استنتاجات بعد.",
        "find.col_on": "على",
        "find.col_text": "النص",
        "find.col_note": "الملاحظة",
        "find.col_tags": "الوسوم",
        "find.col_confidence": "الثقة",
        "find.col_status": "الحالة",
        "find.col_analyst": "المحلل",
        "find.col_updated": "آخر تعديل",
        "find.on_entity": "كيان",
        "find.on_place": "مكان",
        "find.on_span": "مقطع",
        "confidence.confirmed": "مؤكَّد",
        "confidence.probable": "مرجَّح",
        "confidence.doubtful": "مشكوك فيه",
        "fstatus.open": "مفتوح",
        "fstatus.resolved": "محسوم",
        "fstatus.rejected": "مرفوض",
        "hist.intro": "كل تغييرات هذا المقال، الأحدث أولاً. التراجع عن تغيير يُسجَّل تغييراً جديداً؛ "
                      "لا يُمحى شيء.",
        "hist.empty": "لا تغييرات بعد: تظهر التصحيحات والاستنتاجات هنا.",
        "hist.revert": "تراجع",
        "hist.revert_tooltip": "التراجع عن هذا التغيير (يُسجَّل تغييراً جديداً)",
        "hist.older": "لم تُعرض {n} من التغييرات الأقدم.",
        "hist.entry": "رقم {id} · المراجعة {revision} · {analyst} · {at}",
        "hist.absent": "—",
        "hist.new": "جديد",
        "hist.removed": "محذوف",
        "change.set_label": "تصنيف «{text}»",
        "change.delete_entity": "حذف الكيان «{text}»",
        "change.restore_entity": "استعادة الكيان «{text}»",
        "change.add_entity": "إضافة الكيان «{text}»",
        "change.choose": "اختيار مرشَّح آخر لـ«{text}»",
        "change.confirm": "تأكيد المكان «{text}»",
        "change.pin": "تثبيت «{text}» على الخريطة",
        "change.unresolve": "وسم «{text}» بأنه لم يُحدَّد موقعه",
        "change.add_finding": "إضافة استنتاج عن «{text}»",
        "change.update_finding": "تعديل الاستنتاج عن «{text}»",
        "change.delete_finding": "حذف الاستنتاج عن «{text}»",
        "change.revert": "التراجع عن التغيير رقم {id}",
        "change.set_records": "حفظ سجلات ({reason})",
        "change.other": "تغيير من نوع {type}",
        "field.label": "التصنيف",
        "field.deleted": "محذوف",
        "field.name": "المكان",
        "field.status": "الحالة",
        "field.location": "الموقع",
        "field.note": "الملاحظة",
        "field.tags": "الوسوم",
        "field.confidence": "الثقة",
        "field.yes": "نعم",
        "field.no": "لا",
    },
}

_CATALOGUES: dict[str, dict[str, dict[str, str]]] = {}
_OWNER: dict[str, str] = {}  # key -> name of the catalogue that defines it


def check_language(lang: str) -> str:
    """``lang`` as an interface language code (``"ar-EG"`` → ``"ar"``).

    Raises
    ------
    WorkbenchError
        (W501) The language has no catalogue.
    """
    code = str(lang or "").strip().lower().replace("_", "-").split("-", 1)[0]
    if code not in LANGUAGES:
        raise WorkbenchError(
            f"interface language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}",
            code="W501",
        )
    return code


def direction(lang: str) -> str:
    """``"rtl"`` for right-to-left interface languages, else ``"ltr"``."""
    return "rtl" if check_language(lang) in _RTL else "ltr"


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a template uses (``"{n} of {total}"`` → ``{"n", "total"}``)."""
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def register_catalogue(name: str, strings: Catalogue) -> None:
    """Add (or replace) a catalogue of strings that :func:`t` can look up.

    Parameters
    ----------
    name
        The catalogue's name (``"exercise"``); registering the same name again
        replaces it (re-running a notebook cell is fine).
    strings
        ``{"en": {key: text}, "ar": {key: text}}``. English is required; a key
        missing in another language falls back to English (tests should check
        with :func:`catalogue_problems` that none is missing).

    Raises
    ------
    ValueError
        No English strings, an unknown language, a non-string text, or a key
        that another catalogue already defines (prefix keys with ``name.``).
    """
    unknown = set(strings) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"catalogue {name!r}: unknown language(s) {sorted(unknown)}; "
                         f"expected {', '.join(LANGUAGES)}")
    if "en" not in strings:
        raise ValueError(f"catalogue {name!r} has no English strings; English is the fallback")
    copy = {lang: dict(texts) for lang, texts in strings.items()}
    for lang, texts in copy.items():
        bad = [k for k, v in texts.items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            raise ValueError(f"catalogue {name!r} ({lang}): keys and texts must be strings: {bad[:3]}")
    keys = {k for texts in copy.values() for k in texts}
    clash = sorted(k for k in keys if _OWNER.get(k, name) != name)
    if clash:
        raise ValueError(
            f"catalogue {name!r}: key(s) {clash[:5]} already defined by catalogue "
            f"{_OWNER[clash[0]]!r}; prefix your keys with {name + '.'!r}"
        )
    for k in [k for k, owner in _OWNER.items() if owner == name]:
        del _OWNER[k]
    _CATALOGUES[name] = copy
    _OWNER.update(dict.fromkeys(keys, name))


def catalogues() -> list[str]:
    """Names of the registered catalogues."""
    return list(_CATALOGUES)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` with ``values`` filled in.

    Parameters
    ----------
    key
        A key of any registered catalogue (``"app.save"``).
    lang
        ``"en"`` or ``"ar"`` (``"ar-EG"`` works too); a key missing in that
        language falls back to English.
    **values
        The template's placeholders.

    Raises
    ------
    KeyError
        Unknown key, or a placeholder without a value.
    WorkbenchError
        Unknown language (W501).
    """
    code = check_language(lang)
    owner = _OWNER.get(key)
    if owner is None:
        raise KeyError(f"no interface string {key!r}; registered catalogues: {', '.join(_CATALOGUES)}")
    cat = _CATALOGUES[owner]
    text = cat.get(code, {}).get(key)
    if text is None:
        text = cat["en"][key]
    try:
        return text.format(**values)
    except KeyError as err:
        raise KeyError(f"interface string {key!r} needs a value for {err.args[0]!r}") from None


def catalogue_problems(name: str) -> list[str]:
    """What is wrong with a registered catalogue (empty when nothing is).

    Reports keys missing in a language, empty texts, and keys whose languages
    use different ``{placeholders}``.
    """
    cat = _CATALOGUES[name]
    problems: list[str] = []
    all_keys = sorted({k for texts in cat.values() for k in texts})
    for lang in LANGUAGES:
        texts = cat.get(lang, {})
        missing = [k for k in all_keys if k not in texts]
        if missing:
            problems.append(f"{name}/{lang}: missing {missing}")
        problems += [f"{name}/{lang}: {k!r} is empty" for k, v in texts.items() if not v.strip()]
    for k in all_keys:
        ph = {lang: placeholders(cat[lang][k]) for lang in LANGUAGES if k in cat.get(lang, {})}
        if len({frozenset(v) for v in ph.values()}) > 1:
            problems.append(f"{name}: {k!r} placeholders differ: {ph}")
    return problems


register_catalogue("ui", UI_STRINGS)
