import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { Customer } from '@steward/contracts';
import { getCustomer } from '../../../api/customers.ts';
import { queryKeys } from '../../../api/keys.ts';
import { intakeLookup, ticketKeys } from '../../../api/tickets.ts';
import { usePermission } from '../../../app/session.tsx';
import { useSearchText } from '../../../app/useDebounced.ts';
import { looksLikePhone } from '../../customers/search.ts';
import type { IntakeDraft } from '../intake.ts';
import type { PickedCaller } from './CallerCard.tsx';
import { callerHits, type IntakeCustomer, type IntakeHouse, type Occupant } from './CallerResults.tsx';
import type { HouseChoice } from './LocationField.tsx';

/** A customer of the archive as the look-up would have shown them (opened from their 360 page). */
function asIntakeCustomer(customer: Customer): IntakeCustomer {
  return {
    id: customer.id,
    name: customer.name,
    phones: customer.phones.map((p) => p.masked),
    valueLevel: customer.valueLevel,
    hints: [],
    houses: customer.houses
      .filter((h) => h.current)
      .map((h) => ({
        id: h.houseId,
        projectId: h.projectId,
        projectName: h.projectName,
        buildingId: h.buildingId,
        roomLabel: h.roomLabel,
        role: h.role,
      })),
  };
}

const houseChoice = ({ id, projectId, projectName, roomLabel }: HouseChoice): HouseChoice => ({
  id,
  projectId,
  projectName,
  roomLabel,
});

interface Options {
  patch: (fields: Partial<IntakeDraft>) => void;
  /** Called once a caller is settled, to move on to the category. */
  onSettled: () => void;
  focusSearch: () => void;
}

/**
 * Who is calling: the search box (as typed, committed on Enter), the look-up's answer, the keyboard
 * over its rows, and the caller and house chosen from it — or a customer opened from their 360 page.
 */
export function useCaller({ patch, onSettled, focusSearch }: Options) {
  const can = usePermission();
  const search = useSearchText(200);
  const [highlight, setHighlight] = useState(0);
  const [pendingEnter, setPendingEnter] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedCaller | null>(null);
  const [lookedUpHouse, setLookedUpHouse] = useState<IntakeHouse | null>(null);
  const [houseChoices, setHouseChoices] = useState<HouseChoice[]>([]);
  const [house, setHouse] = useState<HouseChoice | null>(null);

  const lookup = useQuery({
    queryKey: ticketKeys.lookup(search.q),
    queryFn: () => intakeLookup(search.q),
    enabled: search.q.length >= 2,
    placeholderData: (previous) => previous,
  });
  const lookupData = search.q.length >= 2 ? lookup.data : undefined;
  const hits = useMemo(
    () => (picked || lookedUpHouse ? [] : callerHits(lookupData)),
    [picked, lookedUpHouse, lookupData],
  );
  // The answer on screen is for exactly what the box holds (not an earlier prefix).
  const answered =
    search.q.length >= 2 &&
    search.q === search.text.trim() &&
    !lookup.isPlaceholderData &&
    !lookup.isFetching;

  useEffect(() => setHighlight(0), [search.q]);

  const pickCustomer = useCallback(
    (customer: IntakeCustomer, moveOn = true) => {
      setPicked({
        customerId: customer.id,
        name: customer.name,
        phones: customer.phones,
        hints: customer.hints,
        valueLevel: customer.valueLevel,
      });
      setLookedUpHouse(null);
      const choices = customer.houses.map(houseChoice);
      setHouseChoices(choices);
      // One house: it is where the need is, without asking.
      const only = choices.length === 1 ? choices[0]! : null;
      setHouse(only);
      patch({
        customerId: customer.id,
        reporterName: '',
        reporterPhone: '',
        houseId: only?.id ?? null,
        projectId: choices[0]?.projectId ?? null,
        ...(only ? { locationMode: 'house' as const } : {}),
      });
      if (moveOn) onSettled();
    },
    [patch, onSettled],
  );

  const pickHouse = useCallback(
    (found: IntakeHouse, occupant: Occupant | null, moveOn = true) => {
      const choice = houseChoice(found);
      setHouseChoices([choice]);
      setHouse(choice);
      patch({ houseId: found.id, projectId: found.projectId, locationMode: 'house' });
      if (occupant) {
        const known = lookupData?.customers.find((c) => c.id === occupant.customerId);
        setPicked({
          customerId: occupant.customerId,
          name: occupant.name,
          phones: known?.phones ?? [],
          hints: known?.hints ?? [],
          valueLevel: known?.valueLevel ?? null,
        });
        setLookedUpHouse(null);
        patch({ customerId: occupant.customerId, reporterName: '', reporterPhone: '' });
      } else {
        setLookedUpHouse(found);
      }
      if (moveOn) onSettled();
    },
    [patch, onSettled, lookupData],
  );

  const pickHit = useCallback(
    (index: number, moveOn = true) => {
      const hit = hits[index];
      if (!hit) return false;
      if (hit.kind === 'customer') pickCustomer(hit.customer, moveOn);
      else pickHouse(hit.house, hit.house.occupants.length === 1 ? hit.house.occupants[0]! : null, moveOn);
      return true;
    },
    [hits, pickCustomer, pickHouse],
  );

  /** Nobody matched what was typed: keep it as the unregistered caller's phone (or name) and move on. */
  const takeAsAnonymous = useCallback(
    (text: string, moveOn = true) => {
      patch(looksLikePhone(text) ? { reporterPhone: text } : { reporterName: text });
      if (moveOn) onSettled();
    },
    [patch, onSettled],
  );

  // Enter pressed before the answer came: act on it once it arrives. The focus moved on at the
  // Enter already (the agent keeps typing the category); it is not pulled back here.
  useEffect(() => {
    if (pendingEnter === null || pendingEnter !== search.q || !answered) return;
    setPendingEnter(null);
    if (!pickHit(0, false)) takeAsAnonymous(pendingEnter, false);
  }, [pendingEnter, search.q, answered, pickHit, takeAsAnonymous]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => (h + step + hits.length) % hits.length);
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    const text = search.text.trim();
    if (!text) return;
    if (answered && search.q === text) {
      if (!pickHit(highlight)) takeAsAnonymous(text);
    } else {
      search.commit();
      setPendingEnter(text);
      onSettled();
    }
  };

  /** Back to the search box, keeping what it holds. */
  const change = () => {
    setPicked(null);
    setLookedUpHouse(null);
    setHouseChoices([]);
    setHouse(null);
    patch({ customerId: null, houseId: null });
    setTimeout(focusSearch, 0);
  };

  // Opened from a customer's 360 page (?customerId=): that customer is the caller.
  const [params, setParams] = useSearchParams();
  const prefillId = params.get('customerId');
  const prefill = useQuery({
    queryKey: [...queryKeys.customers.all, 'detail', prefillId],
    queryFn: () => getCustomer(prefillId!),
    enabled: Boolean(prefillId) && can('customers.read'),
  });
  const prefilled = useRef<string | null>(null);
  const setSearchText = search.setText;
  useEffect(() => {
    if (!prefill.data || prefilled.current === prefill.data.id) return;
    prefilled.current = prefill.data.id;
    // The name in the box brings their open and recent records beside the form.
    setSearchText(prefill.data.name);
    pickCustomer(asIntakeCustomer(prefill.data));
  }, [prefill.data, pickCustomer, setSearchText]);

  /** A fresh start for the next call. */
  const reset = () => {
    search.setText('');
    search.commit();
    setPicked(null);
    setLookedUpHouse(null);
    setHouseChoices([]);
    setHouse(null);
    if (prefillId) setParams({}, { replace: true });
  };

  return {
    search,
    searching: lookup.isFetching,
    lookupData,
    hits,
    answered,
    highlight,
    setHighlight,
    picked,
    lookedUpHouse,
    houseChoices,
    house,
    setHouse,
    pickCustomer,
    pickHouse,
    onSearchKey,
    change,
    reset,
  };
}
