import time, os
from pathlib import Path
import httpx
from playwright.async_api import expect
from app.orders.service import submit_order
from tests.factories import make_world, place_draft
from tests.test_browser_live import browser_of, open_live, move_units, app_headers, indicator  # noqa

async def test_probe(db, live_server, browser_of):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-200:pallet", 1)])
    await submit_order(await world.actor("alice"), draft.id)
    path = f"/orders/{draft.id}"
    m = await browser_of("manager@factory.example")
    manager = await m.new_page()
    if os.environ.get("NOLIVE"): await manager.route("**/static/live.js", lambda r: r.abort())
    await manager.goto(path)
    await manager.get_by_role("button", name="Подтвердить заказ").click()
    other = await open_live(m, path)
    # state preservation on the other manager tab
    await other.get_by_label("Изделие 8", exact=True).check()
    await other.locator('details[data-key^="unit-"]').first.locator("summary").click()
    await other.get_by_label("Перевести выбранные изделия на этап").select_option("assembly")
    d = await browser_of("alice@test.example")
    dealer = await open_live(d, path)
    await dealer.evaluate("""window.swaps=[]; new MutationObserver(()=>window.swaps.push(Date.now())).observe(document.querySelector('main'),{childList:true})""")
    await dealer.evaluate("""window.evts=[]; const h=window.cabinetLive.handlers.onEvent; window.cabinetLive.handlers.onEvent=(f)=>{window.evts.push([Date.now(), f.event, f.seq]); h(f)}; 0""")
    lat=[]
    for i in range(1, 6):
        await dealer.evaluate("window.swaps=[]")
        t0 = time.time()*1000
        await manager.bring_to_front()
        ts=[time.time()*1000]
        await manager.get_by_label(f"Изделие {i}", exact=True).check(); ts.append(time.time()*1000)
        await manager.get_by_label("Перевести выбранные изделия на этап").select_option("cutting"); ts.append(time.time()*1000)
        await manager.get_by_role("button", name="Перевести", exact=True).click(); ts.append(time.time()*1000)
        await expect(manager.get_by_role("status")).to_contain_text("Изделия переведены"); ts.append(time.time()*1000)
        nav = await manager.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
        import json; nav=json.loads(nav)
        print("steps", [round(b-a) for a,b in zip(ts, ts[1:])], {k: round(nav[k]) for k in ("redirectStart","redirectEnd","fetchStart","connectStart","connectEnd","requestStart","responseStart","responseEnd","domContentLoadedEventEnd","loadEventEnd")})
        t1 = time.time()*1000
        await expect(dealer.locator("table.units tbody tr").nth(i-1).locator(".unit-stage")).to_have_text("Раскрой", timeout=3000)
        sw = await dealer.evaluate("window.swaps")
        ev = await dealer.evaluate("window.evts.splice(0)")
        lat.append((round(t1-t0), [(round(e[0]-t0), e[1]) for e in ev], [round(x-t0) for x in sw]))
    print("latency click->dealer swap ms", lat)
    assert await other.get_by_label("Изделие 8", exact=True).is_checked()
    assert await other.locator('details[data-key^="unit-"]').first.get_attribute("open") is not None
    assert await other.get_by_label("Перевести выбранные изделия на этап").input_value() == "assembly"
    await other.set_viewport_size({"width": 390, "height": 844})
    await d.set_offline(True)
    await expect(indicator(dealer)).to_have_text("Нет связи")
    await dealer.set_viewport_size({"width": 390, "height": 844})
    await dealer.screenshot(path="/tmp/shots/offline-phone.png")
    await d.set_offline(False)
    await expect(indicator(dealer)).to_have_text("Онлайн")
    await dealer.goto("/?lang=en")
    await expect(indicator(dealer)).to_have_text("Live")
    await dealer.screenshot(path="/tmp/shots/dash-en-phone.png")
